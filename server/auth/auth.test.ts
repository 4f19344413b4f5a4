// @vitest-environment node
/**
 * Sign-in end to end over HTTP: a real OpenID Connect provider (oidc-provider) on loopback with
 * users in different groups, the production server (createServerApp) with an `access` section,
 * its sessions, audit trail and flow index in a database (PGlite), and the fake upstream standing
 * in for the providers, so that provider calls can be counted.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SearchResultSchema } from '../../src/model/search';
import { REQUEST_HEADER } from '../../src/model/request-header';
import { createIndexedContext } from '../app';
import { loadConfig, type ServerConfig } from '../config';
import { createServerApp } from '../main';
import { createAuthStores } from '../store/auth';
import { createStore } from '../store/store';
import { openTestDatabase } from '../testing/database';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstream';
import { CHANNEL_8X8, keyedEnv, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, WABA_KALEYRA } from '../testing/fixtures';
import { startTestIdentityProvider, TEST_CLIENT, type TestIdentityProvider } from '../testing/identity-provider';
import { CookieJar, send, signIn } from '../testing/sign-in';
import { createAuth, type Auth } from '.';
import { NO_ACCESS_MESSAGE } from './viewer';

const SECRET = 'session-secret-for-tests-0123456789abcdef';
const ACCESS = {
  admins: ['carol@example.com'],
  rules: [
    { group: 'support-retail', accounts: ['8x8'] },
    { email: 'bob@example.com', accounts: ['kaleyra'] },
  ],
};
const CSRF = REQUEST_HEADER;

let fake: FakeUpstream;
let idp: TestIdentityProvider;
let server: ServerType;
let appUrl = '';
let auth: Auth;
let now = new Date('2026-11-28T09:00:00Z');
const jars: Record<string, CookieJar> = {};
let closeDatabase: () => Promise<void>;
/** "account/channel" of every sync started (the sync itself is the syncer's tests' business). */
const syncsStarted: string[] = [];

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  fake = await startFakeUpstream();
  // The app's address must be known before the identity provider registers it: listen first.
  let handler: (r: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  server = createAdaptorServer({ fetch: (r, env) => handler(r, env) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp = await startTestIdentityProvider({ appUrls: [appUrl] });
  const config: ServerConfig = { ...loadConfig(keyedEnv(fake)), access: ACCESS };
  SEES.carol = config.accounts.map((a) => a.id);
  expect(SEES.carol).toEqual(expect.arrayContaining(['8x8', 'kaleyra']));
  const database = await openTestDatabase(undefined);
  closeDatabase = database.close;
  const store = createStore(database.db);
  const { ctx, index } = createIndexedContext(config, store);
  index.syncer.syncNow = (accountId, channelId) => {
    syncsStarted.push(`${accountId}/${channelId}`);
    return null;
  };
  // The index knows flows of both accounts, so that search has something to hide.
  const flow = (id: string, name: string) => ({ id, name, status: 'PUBLISHED' });
  await store.recordList({ accountId: '8x8', channelId: CHANNEL_8X8 }, '8x8', [flow('s1', 'Shared name booking'), flow('s2', 'Retail survey')], now.toISOString());
  await store.recordList({ accountId: 'kaleyra', channelId: WABA_KALEYRA }, 'kaleyra', [flow('k1', 'Shared name loan'), flow('k2', 'Kaleyra locator'), flow('k3', 'Kaleyra sign-up')], now.toISOString());
  auth = createAuth(
    config,
    {
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.clientId,
      OIDC_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      OIDC_SCOPES: 'openid email profile groups',
      FLOWDESK_PUBLIC_URL: appUrl,
      FLOWDESK_SESSION_SECRET: SECRET,
    },
    { clock: () => now, ...createAuthStores(database.db) },
  );
  await auth.ready();
  handler = createServerApp(config, { auth, context: ctx }).fetch;
  for (const user of ['alice', 'bob', 'carol', 'dave', 'mallory']) jars[user] = (await signIn(appUrl, user)).jar;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await idp.close();
  await fake.close();
  await closeDatabase();
  vi.restoreAllMocks();
});

const get = (user: string | null, path: string, headers: Record<string, string> = {}) => send(user ? jars[user]! : new CookieJar(), `${appUrl}${path}`, { headers });
const post = (user: string | null, path: string, headers: Record<string, string> = CSRF, body?: unknown) =>
  send(user ? jars[user]! : new CookieJar(), `${appUrl}${path}`, body === undefined ? { method: 'POST', headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

const LIST_8X8 = `/api/accounts/8x8/channels/${CHANNEL_8X8}/flows`;
const LIST_KALEYRA = `/api/accounts/kaleyra/channels/${WABA_KALEYRA}/flows`;
const FLOW_8X8 = `${LIST_8X8}/${SEED_FLOW_8X8}`;
const FLOW_KALEYRA = `${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}`;

type Who = 'alice' | 'bob' | 'carol' | 'dave' | 'mallory';
const USERS: Who[] = ['alice', 'bob', 'carol', 'dave', 'mallory'];
/** Carol, an admin, sees every configured account (filled in with the configuration). */
const SEES: Record<Who, string[]> = { alice: ['8x8'], bob: ['kaleyra'], carol: [], dave: [], mallory: [] };

/** Every API route, with who may use it (and the status they get). */
const ROUTES: { method: 'GET' | 'POST'; path: string; body?: unknown; account: string | null; allowed: (u: Who) => boolean; ok: number }[] = [
  { method: 'GET', path: '/api/session', account: null, allowed: () => true, ok: 200 },
  { method: 'GET', path: '/api/accounts', account: null, allowed: () => true, ok: 200 },
  ...(['8x8', 'kaleyra'] as const).flatMap((account) => {
    const list = account === '8x8' ? LIST_8X8 : LIST_KALEYRA;
    const flow = account === '8x8' ? FLOW_8X8 : FLOW_KALEYRA;
    const allowed = (u: Who) => SEES[u].includes(account);
    return [
      { method: 'GET' as const, path: list, account, allowed, ok: 200 },
      { method: 'GET' as const, path: `${list}?after=${btoa('offset:3')}`, account, allowed, ok: 200 },
      { method: 'GET' as const, path: flow, account, allowed, ok: 200 },
      { method: 'GET' as const, path: `${flow}/json`, account, allowed, ok: 200 },
      // 8x8 has a preview call; Kaleyra has none (404 from the proxy, after the access check).
      { method: 'GET' as const, path: `${flow}/preview`, account, allowed, ok: account === '8x8' ? 200 : 404 },
      { method: 'POST' as const, path: `${flow}/ticket-copy`, account, allowed, ok: 204 },
      { method: 'POST' as const, path: `${list.replace(/\/flows$/, '')}/sync`, account, allowed, ok: 202 },
      // A flow that does not exist: refused exactly like one that does.
      { method: 'GET' as const, path: `${list}/999999999999999`, account, allowed, ok: 404 },
    ];
  }),
  // An account that does not exist: only those who see every account learn that.
  { method: 'GET', path: '/api/accounts/no-such-account/channels/c1/flows', account: 'no-such-account', allowed: (u) => u === 'carol', ok: 404 },
  // Search answers everyone, with their own accounts' flows only (below).
  { method: 'GET', path: '/api/search', account: null, allowed: () => true, ok: 200 },
  { method: 'GET', path: '/api/search?q=shared&account=kaleyra', account: null, allowed: () => true, ok: 200 },
  { method: 'GET', path: '/api/audit', account: null, allowed: (u) => u === 'carol', ok: 200 },
  { method: 'GET', path: '/api/audit.csv', account: null, allowed: (u) => u === 'carol', ok: 200 },
  // Nobody of that name has a session: 0 ended (the revocation itself is tested below).
  { method: 'POST', path: '/api/admin/sessions/revoke', body: { user: 'nobody@example.com' }, account: null, allowed: (u) => u === 'carol', ok: 200 },
];

describe('every API route with each user', () => {
  it.each(ROUTES.flatMap((route) => USERS.map((user) => [user, route.method, route.path, route] as const)))('%s: %s %s', async (user, method, path, route) => {
    const before = fake.requests.length;
    const response = method === 'GET' ? await get(user, path) : await post(user, path, CSRF, route.body);
    if (route.allowed(user)) {
      expect(response.status).toBe(route.ok);
      return;
    }
    expect(response.status).toBe(403);
    const body = (await response.json()) as { problem: { kind: string; message: string } };
    expect(body.problem.kind).toBe('forbidden');
    if (route.account) {
      expect(body.problem.message).toBe(NO_ACCESS_MESSAGE);
      // Refused before any provider call.
      expect(fake.requests.length).toBe(before);
    }
  });

  it.each(ROUTES.map((r) => [r.method, r.path] as const))('without a session: %s %s is 401 JSON, and no provider is called', async (method, path) => {
    const before = fake.requests.length;
    const response = method === 'GET' ? await get(null, path) : await post(null, path);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { problem: { kind: string } }).problem.kind).toBe('unauthorized');
    expect(fake.requests.length).toBe(before);
  });

  it.each(USERS)('%s sees exactly their accounts in the list', async (user) => {
    const response = await get(user, '/api/accounts');
    const ids = ((await response.json()) as { id: string }[]).map((a) => a.id);
    expect(ids.sort()).toEqual([...SEES[user]].sort());
  });

  it.each(USERS)('%s finds only their accounts’ flows in search, totals and every facet count', async (user) => {
    const search = async (query: string) => SearchResultSchema.parse(await (await get(user, `/api/search${query}`)).json());
    // What the index holds, per account, as the admin sees it: both accounts' flows.
    const every = SearchResultSchema.parse(await (await get('carol', '/api/search')).json());
    const held = new Map(every.facets.account!.map((f) => [f.value, f.count]));
    expect(held.get('8x8')).toBeGreaterThanOrEqual(2);
    expect(held.get('kaleyra')).toBeGreaterThanOrEqual(3);
    const all = await search('');
    const mine = SEES[user].filter((id) => held.has(id)).sort();
    expect([...new Set(all.rows.map((r) => r.accountId))].sort()).toEqual(mine);
    expect(all.total).toBe(mine.reduce((sum, id) => sum + held.get(id)!, 0));
    expect(all.facets.account).toEqual(every.facets.account!.filter((f) => mine.includes(f.value)));
    expect(all.facets.provider?.reduce((sum, f) => sum + f.count, 0) ?? 0).toBe(all.total);
    // Asking for another account's flows by name or by filter finds nothing, and counts nothing.
    const shared = await search('?q=shared');
    expect(shared.rows.map((r) => r.accountId).sort()).toEqual(mine);
    const kaleyra = await search('?account=kaleyra');
    expect(kaleyra.total).toBe(mine.includes('kaleyra') ? held.get('kaleyra') : 0);
  });

  it('records each sync started, by whom, for the accounts they see only', async () => {
    const before = syncsStarted.length;
    expect((await post('bob', `/api/accounts/kaleyra/channels/${WABA_KALEYRA}/sync`)).status).toBe(202);
    expect((await post('bob', `/api/accounts/8x8/channels/${CHANNEL_8X8}/sync`)).status).toBe(403);
    expect(syncsStarted.slice(before)).toEqual([`kaleyra/${WABA_KALEYRA}`]);
    const { entries } = (await (await get('carol', '/api/audit?user=bob@example.com&limit=2')).json()) as { entries: { action: string; account: string; channel: string }[] };
    expect(entries.map((e) => [e.action, e.account, e.channel])).toEqual([
      ['access_refused', '8x8', CHANNEL_8X8],
      ['sync_started', 'kaleyra', WABA_KALEYRA],
    ]);
  });

  it('tells the browser who is signed in, whether they are an admin, and whom to ask when they see nothing', async () => {
    expect(await (await get('alice', '/api/session')).json()).toEqual({ mode: 'oidc', user: { name: 'Alice Adams', email: 'alice@example.com' }, admin: false, access: 'some', askWhom: [] });
    expect(await (await get('carol', '/api/session')).json()).toMatchObject({ admin: true, access: 'all' });
    const dave = await (await get('dave', '/api/session')).json();
    expect(dave).toEqual({ mode: 'oidc', user: { name: 'Dave Dunn', email: 'dave@example.com' }, admin: false, access: 'none', askWhom: ['carol@example.com'] });
    // An unverified email is not used for rules or admin rights.
    expect(await (await get('mallory', '/api/session')).json()).toMatchObject({ user: { email: null }, admin: false, access: 'none' });
  });

  it('never puts a session token, client secret or provider key in an answer the browser reads', async () => {
    for (const path of ['/api/session', '/api/accounts', '/api/audit', '/api/audit.csv']) {
      const text = await (await get('carol', path)).text();
      expect(text).not.toContain(TEST_CLIENT.clientSecret);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(jars.carol!.get('flowdesk_session'));
      for (const value of Object.values(keyedEnv(fake))) if (/key/i.test(value)) expect(text).not.toContain(value);
    }
  });
});

describe('pages', () => {
  it('a page load without a session goes to the identity provider and, after sign-in, back to the same deep link', async () => {
    const deepLink = `/accounts/8x8/channels/${CHANNEL_8X8}/flows/${SEED_FLOW_8X8}?error=2&q=a%20b`;
    const first = await get(null, deepLink, { accept: 'text/html', 'sec-fetch-mode': 'navigate' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')!.startsWith(`${idp.issuer}/`)).toBe(true);
    const authorize = new URL(first.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${appUrl}/auth/callback`);
    expect(authorize.searchParams.get('scope')).toBe('openid email profile groups');
    const { landedAt, jar } = await signIn(appUrl, 'alice', deepLink);
    expect(landedAt).toBe(deepLink);
    // Signed in, the same deep link is the app's page.
    const page = await send(jar, `${appUrl}${deepLink}`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } });
    expect(page.status).not.toBe(302);
  });

  it('sets the session cookie HTTP-only, SameSite=Lax and expiring (not Secure on an http public URL)', async () => {
    const login = await send(new CookieJar(), `${appUrl}/auth/login`);
    expect(login.status).toBe(302);
    const loginCookie = login.headers.getSetCookie()[0]!;
    expect(loginCookie).toMatch(/HttpOnly/);
    expect(loginCookie).toMatch(/SameSite=Lax/);
    expect(loginCookie).toMatch(/Path=\/auth\/callback/);
    const { sessionCookie } = await signIn(appUrl, 'bob');
    expect(sessionCookie).toMatch(/^flowdesk_session=[A-Za-z0-9_-]{43};/);
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(sessionCookie).toMatch(/Path=\//);
    expect(sessionCookie).toMatch(/Max-Age=43200/);
    expect(sessionCookie).not.toMatch(/Secure/);
  });

  it('a request without a session for a file (not a page) is 401, not a redirect', async () => {
    const response = await get(null, '/assets/index.js', { accept: '*/*', 'sec-fetch-mode': 'no-cors' });
    expect(response.status).toBe(401);
  });

  it('refuses a callback whose state has no sign-in cookie (a forged or replayed callback)', async () => {
    const response = await get(null, '/auth/callback?code=abc&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign-in expired');
  });

  it('comes back only to paths of this site after sign-in', async () => {
    const { landedAt } = await signIn(appUrl, 'alice', '/auth/login?returnTo=//evil.example/x');
    expect(landedAt).toBe('/');
  });
});

describe('audit', () => {
  it("lists other users' flow openings, downloads, ticket copies and refusals for the admin, newest first, with the address", async () => {
    const alice = jars.alice!;
    await send(alice, `${appUrl}${FLOW_8X8}`);
    await send(alice, `${appUrl}${FLOW_8X8}/json`);
    await send(alice, `${appUrl}${FLOW_8X8}/ticket-copy`, { method: 'POST', headers: CSRF });
    await send(alice, `${appUrl}${FLOW_KALEYRA}`);
    const response = await get('carol', `/api/audit?user=alice@example.com&limit=4`);
    expect(response.status).toBe(200);
    const { entries, total } = (await response.json()) as { total: number; entries: { action: string; account: string; flow: string; channel: string; address: string; at: string; user: string }[] };
    expect(total).toBeGreaterThan(4);
    expect(entries.map((e) => [e.action, e.account, e.flow])).toEqual([
      ['access_refused', 'kaleyra', SEED_FLOW_KALEYRA],
      ['flow_copied_for_ticket', '8x8', SEED_FLOW_8X8],
      ['flow_json_downloaded', '8x8', SEED_FLOW_8X8],
      ['flow_opened', '8x8', SEED_FLOW_8X8],
    ]);
    expect(entries.every((e) => e.user === 'alice@example.com' && e.address === '127.0.0.1' && e.channel !== null)).toBe(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('records an opening the provider could not answer too, with its status', async () => {
    expect((await get('alice', `${LIST_8X8}/999999999999999`)).status).toBe(404);
    const { entries } = (await (await get('carol', '/api/audit?user=alice@example.com&limit=1')).json()) as { entries: { action: string; flow: string; detail: string | null }[] };
    expect(entries[0]).toMatchObject({ action: 'flow_opened', flow: '999999999999999', detail: 'answered HTTP 404' });
  });

  it('filters by account, flow and time range, pages, and exports CSV', async () => {
    const byFlow = (await (await get('carol', `/api/audit?account=8x8&flow=${SEED_FLOW_8X8}`)).json()) as { entries: { account: string; flow: string }[] };
    expect(byFlow.entries.length).toBeGreaterThan(0);
    expect(byFlow.entries.every((e) => e.account === '8x8' && e.flow === SEED_FLOW_8X8)).toBe(true);
    const future = (await (await get('carol', `/api/audit?from=2999-01-01T00:00:00Z`)).json()) as { total: number };
    expect(future.total).toBe(0);
    const past = (await (await get('carol', `/api/audit?to=2000-01-01T00:00:00Z`)).json()) as { total: number };
    expect(past.total).toBe(0);
    const page1 = (await (await get('carol', '/api/audit?limit=2&offset=0')).json()) as { entries: { id: string }[] };
    const page2 = (await (await get('carol', '/api/audit?limit=2&offset=2')).json()) as { entries: { id: string }[] };
    expect(page1.entries).toHaveLength(2);
    expect(page2.entries.map((e) => e.id)).not.toContain(page1.entries[0]!.id);
    const csv = await get('carol', `/api/audit.csv?user=alice@example.com`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="flow-desk-audit-.*\.csv"/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('time,action,user,account,channel,flow,address,detail');
    expect(lines.slice(1).every((l) => l.includes(',alice@example.com,'))).toBe(true);
    expect(lines.some((l) => l.includes(',flow_opened,'))).toBe(true);
    expect((await get('carol', '/api/audit?from=yesterday')).status).toBe(400);
  });

  it('records sign-ins, and refusals of non-admins reading the audit trail', async () => {
    await get('bob', '/api/audit');
    const { entries } = (await (await get('carol', '/api/audit?user=bob@example.com')).json()) as { entries: { action: string; detail: string | null }[] };
    expect(entries[0]).toMatchObject({ action: 'access_refused', detail: expect.stringContaining('/api/audit') });
    expect(entries.some((e) => e.action === 'sign_in')).toBe(true);
  });
});

describe('cross-site requests', () => {
  it.each([
    ['without the Flow Desk request header', {}],
    ['from another origin', { ...CSRF, origin: 'https://evil.example' }],
    ['marked cross-site by the browser', { ...CSRF, 'sec-fetch-site': 'cross-site' }],
    ['from a sibling site', { ...CSRF, 'sec-fetch-site': 'same-site' }],
  ])('refuses a state change %s (403), recorded in the audit trail', async (_what, headers) => {
    const response = await post('alice', `${FLOW_8X8}/ticket-copy`, headers as Record<string, string>);
    expect(response.status).toBe(403);
    const logout = await post('alice', '/auth/logout', headers as Record<string, string>);
    expect(logout.status).toBe(403);
    // Still signed in.
    expect((await get('alice', '/api/session')).status).toBe(200);
    const { entries } = (await (await get('carol', '/api/audit?user=alice@example.com&limit=1')).json()) as { entries: { action: string }[] };
    expect(entries[0]!.action).toBe('access_refused');
  });

  it("accepts the app's own request (same origin, with the header)", async () => {
    const response = await post('alice', `${FLOW_8X8}/ticket-copy`, { ...CSRF, origin: appUrl, 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(204);
  });
});

describe('Host', () => {
  const raw = (path: string, host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${appUrl}${path}`, { headers: { host, cookie: jars.carol!.header() } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });

  it.each(['/api/accounts', '/api/session', '/auth/login', '/', '/accounts/8x8/channels/x'])('refuses %s for Host: evil.example with 421', async (path) => {
    expect(await raw(path, 'evil.example')).toBe(421);
    // The same request with the public host goes on.
    expect(await raw(path, new URL(appUrl).host)).not.toBe(421);
  });

  it('refuses a loopback name other than the public host when sign-in is on', async () => {
    expect(await raw('/api/session', `localhost:${new URL(appUrl).port}`)).toBe(421);
  });
});

describe('sessions', () => {
  it('sign-out ends the session on the server (the old cookie no longer works) and goes to the identity provider', async () => {
    const { jar } = await signIn(appUrl, 'bob');
    const token = jar.get('flowdesk_session')!;
    const response = await send(jar, `${appUrl}/auth/logout`, { method: 'POST', headers: { ...CSRF, origin: appUrl } });
    expect(response.status).toBe(200);
    const { redirect } = (await response.json()) as { redirect: string };
    const end = new URL(redirect);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/auth/signed-out`);
    expect(jar.get('flowdesk_session')).toBeUndefined();
    const replay = await send(new CookieJar(), `${appUrl}/api/session`, { headers: { cookie: `flowdesk_session=${token}` } });
    expect(replay.status).toBe(401);
  });

  it('expires after FLOWDESK_SESSION_HOURS (12 by default), by the injected clock', async () => {
    const { jar } = await signIn(appUrl, 'alice');
    const started = now;
    try {
      now = new Date(started.getTime() + 12 * 3_600_000 - 1000);
      expect((await send(jar, `${appUrl}/api/session`)).status).toBe(200);
      now = new Date(started.getTime() + 12 * 3_600_000 + 1000);
      expect((await send(jar, `${appUrl}/api/session`)).status).toBe(401);
    } finally {
      now = started;
    }
  });

  it("an admin signs a user out everywhere by email: every one of their sessions ends, and it is recorded", async () => {
    const a = await signIn(appUrl, 'alice');
    const b = await signIn(appUrl, 'alice');
    const revoke = (who: string, body: unknown, headers: Record<string, string> = CSRF) => post(who, '/api/admin/sessions/revoke', headers, body);
    // Not by a non-admin, not cross-site, not without a user.
    expect((await revoke('bob', { user: 'alice@example.com' })).status).toBe(403);
    expect((await revoke('carol', { user: 'alice@example.com' }, {})).status).toBe(403);
    expect((await revoke('carol', { who: 'alice' })).status).toBe(400);
    expect((await send(a.jar, `${appUrl}/api/session`)).status).toBe(200);
    const response = await revoke('carol', { user: 'Alice@Example.com' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(3);
    expect((await send(a.jar, `${appUrl}/api/session`)).status).toBe(401);
    expect((await send(b.jar, `${appUrl}/api/session`)).status).toBe(401);
    expect((await get('alice', '/api/session')).status).toBe(401);
    expect((await get('bob', '/api/session')).status).toBe(200);
    const { entries } = (await (await get('carol', '/api/audit?user=carol@example.com&limit=1')).json()) as { entries: { action: string; detail: string }[] };
    expect(entries[0]).toMatchObject({ action: 'sessions_revoked', detail: expect.stringMatching(/^\d+ sessions of Alice@Example.com$/) });
    jars.alice = (await signIn(appUrl, 'alice')).jar;
  });

  it("revoking a user's sessions ends every one of them", async () => {
    const a = await signIn(appUrl, 'dave');
    const b = await signIn(appUrl, 'dave');
    expect(await auth.sessions.endAllForUser('dave')).toBeGreaterThanOrEqual(2);
    expect((await send(a.jar, `${appUrl}/api/session`)).status).toBe(401);
    expect((await send(b.jar, `${appUrl}/api/session`)).status).toBe(401);
  });
});
