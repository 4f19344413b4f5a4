/**
 * Sign-in, sessions, access per account and the audit trail, as middleware and routes for the
 * server (`server/main.ts`) and the API app (`server/app.ts`):
 *
 * - `hostGuard`: 421 for a foreign Host, first of all;
 * - `routes` under /auth: login, callback, logout, the signed-out page;
 * - `requireSession` on /api/*: 401 without a session, 403 for a cross-site state change, and
 *   the request's `Viewer` (user, accounts, address) for every route after it;
 * - `api` under /api: the session route, the audit routes, an admin's revocation of a user's
 *   sessions and the ticket-copy record;
 * - `accountGuard` before every route under /api/accounts/:accountId/* (whichever module serves
 *   it): 403 "You have no access to this account" before the route runs, and the audit of flows
 *   opened, flow JSON downloaded and syncs started. Lists that span accounts filter with
 *   `canSeeAccount(c, id)` or, in a query, `allowedAccountIds(c)` (./viewer);
 * - `pageGuard` before the app's pages: without a session, to the identity provider and back to the same deep link.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { z } from 'zod';
import { makeProblem } from '../../src/model/flow';
import type { ServerConfig } from '../config';
import { EVERY_ACCOUNT, scopeFor, seesNothing } from './access';
import { auditCsv, MemoryAuditLog, type AuditFilter, type AuditLog } from './audit';
import { clientAddress, crossSiteRefusal, hostGuard } from './network';
import { createOidcClient, type LoginChecks, type OidcClient } from './oidc';
import { createSessions, MemorySessionStore, type Clock, type SessionRecord, type Sessions, type SessionStore } from './sessions';
import { loadAuthSettings, type AuthSettings } from './settings';
import { authorizeAccount, recordAudit, viewerOf, type Viewer } from './viewer';

export { accountScope, allowedAccountIds, authorizeAccount, canSeeAccount, recordAudit, viewerOf } from './viewer';
export type { Viewer } from './viewer';

export interface AuthDeps {
  sessionStore?: SessionStore;
  auditLog?: AuditLog;
  clock?: Clock;
  /** For tests: a stand-in identity provider client. */
  oidcClient?: OidcClient;
}

export interface Auth {
  settings: AuthSettings;
  sessions: Sessions;
  audit: AuditLog;
  /** Discovery at the identity provider (resolves at once without sign-in). */
  ready(): Promise<void>;
  hostGuard: MiddlewareHandler;
  routes: Hono;
  requireSession: MiddlewareHandler;
  api: Hono;
  /** For /api/accounts/:accountId/*: the access check of every route of an account. */
  accountGuard: MiddlewareHandler;
  pageGuard: MiddlewareHandler;
}

const LOGIN_COOKIE_PREFIX = 'flowdesk_login_';
const STATE = /^[A-Za-z0-9_-]{20,100}$/;
const LOGIN_MAX_AGE = 600;

/** A path on this site to come back to after sign-in; anything else (another site, /auth itself) is the home page. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || [...value].some((ch) => ch.charCodeAt(0) < 0x20)) return '/';
  if (value === '/auth' || value.startsWith('/auth/')) return '/';
  return value;
}

const problemJson = (c: Context, status: 401 | 403 | 404 | 400, kind: 'unauthorized' | 'forbidden' | 'not_found' | 'invalid_request', message: string) =>
  c.json({ problem: makeProblem({ kind, message }) }, status);

function page(c: Context, status: 200 | 400 | 502, title: string, body: ReturnType<typeof html>) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · Flow Desk</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }
            a { color: #1c64c8; }
          </style>
        </head>
        <body>
          <main>
            <h1>${title}</h1>
            ${body}
          </main>
        </body>
      </html>`,
    status,
  );
}

const auditQuery = z.object({
  user: z.string().trim().min(1).max(320).optional(),
  account: z.string().trim().min(1).max(80).optional(),
  flow: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const revokeBody = z.strictObject({ user: z.string().trim().min(1).max(320) });

const FLOW_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const FLOW_ROUTE = /\/accounts\/([^/]+)\/channels\/([^/]+)\/flows\/([^/]+)(\/json|\/preview)?$/;
const SYNC_ROUTE = /\/accounts\/([^/]+)\/channels\/([^/]+)\/sync$/;
const CHANNEL_ROUTE = /\/accounts\/[^/]+\/channels\/([^/]+)/;
const CSV_LIMIT = 50_000;

export function createAuth(config: Pick<ServerConfig, 'accounts' | 'access'>, env: Record<string, string | undefined> = process.env, deps: AuthDeps = {}): Auth {
  const settings = loadAuthSettings(env, config);
  const clock = deps.clock ?? (() => new Date());
  const sessions = createSessions(deps.sessionStore ?? new MemorySessionStore(), settings.sessionSecret, settings.sessionHours, clock);
  const audit = deps.auditLog ?? new MemoryAuditLog();
  const oidc = settings.oidc ? (deps.oidcClient ?? createOidcClient(settings.oidc)) : null;
  const accountIds = new Set(config.accounts.map((a) => a.id));
  const secure = settings.publicUrl?.protocol === 'https:';
  const SESSION_COOKIE = secure ? '__Host-flowdesk_session' : 'flowdesk_session';
  const publicBase = settings.publicUrl ? settings.publicUrl.origin : '';
  const callbackUrl = `${publicBase}/auth/callback`;

  const viewerFor = (c: Context, session: SessionRecord | null): Viewer => {
    const address = clientAddress(c, settings);
    if (settings.mode !== 'oidc') return { mode: settings.mode, user: null, scope: settings.mode === 'local' ? { all: true, admin: true } : EVERY_ACCOUNT, address, audit };
    const user = session!.user;
    return { mode: 'oidc', user, scope: scopeFor(settings.access, user), address, audit };
  };

  const currentSession = (c: Context) => sessions.find(getCookie(c, SESSION_COOKIE));

  /** To the identity provider; the checks travel in a signed, short-lived cookie named after the state. */
  async function startLogin(c: Context, returnTo: string) {
    const { checks, url } = await oidc!.startLogin(callbackUrl);
    await setSignedCookie(c, `${LOGIN_COOKIE_PREFIX}${checks.state}`, JSON.stringify({ nonce: checks.nonce, codeVerifier: checks.codeVerifier, returnTo: safeReturnTo(returnTo) }), settings.sessionSecret, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/auth/callback',
      maxAge: LOGIN_MAX_AGE,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(url.href, 302);
  }

  // ---- /auth
  const routes = new Hono();
  routes.get('/login', async (c) => {
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    if (!oidc) return c.redirect(returnTo, 302);
    return startLogin(c, returnTo);
  });

  routes.get('/callback', async (c) => {
    if (!oidc) return c.redirect('/', 302);
    const retry = html`<p><a href="/auth/login">Sign in again</a></p>`;
    const error = c.req.query('error');
    if (error) {
      const description = c.req.query('error_description');
      return page(c, 400, 'Sign-in did not complete', html`<p>The identity provider answered “${error.slice(0, 100)}”${description ? html`: ${description.slice(0, 300)}` : ''}.</p>${retry}`);
    }
    const state = c.req.query('state') ?? '';
    const cookieName = `${LOGIN_COOKIE_PREFIX}${state}`;
    const stored = STATE.test(state) ? await getSignedCookie(c, settings.sessionSecret, cookieName) : false;
    if (!stored) {
      return page(c, 400, 'Sign-in expired', html`<p>This sign-in was started more than ${LOGIN_MAX_AGE / 60} minutes ago, or in another browser. Start again.</p>${retry}`);
    }
    deleteCookie(c, cookieName, { path: '/auth/callback', secure });
    const saved = JSON.parse(stored) as { nonce: string; codeVerifier: string; returnTo: string };
    const checks: LoginChecks = { state, nonce: saved.nonce, codeVerifier: saved.codeVerifier };
    const incoming = new URL(c.req.url);
    let result: Awaited<ReturnType<OidcClient['finishLogin']>>;
    try {
      result = await oidc.finishLogin(new URL(`${incoming.pathname}${incoming.search}`, publicBase), checks);
    } catch (failure) {
      // The library's message names the failed check; it carries no secret (never the client secret or a token).
      console.warn(`Sign-in failed: ${failure instanceof Error ? failure.message.slice(0, 300) : 'unknown error'}`);
      return page(c, 502, 'Sign-in failed', html`<p>Flow Desk could not complete the sign-in with the identity provider. Try again; if it keeps failing, the server log says why.</p>${retry}`);
    }
    const { token, record } = await sessions.start(result.user, result.idToken);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: sessions.maxAgeSeconds });
    c.set('flowDeskViewer', viewerFor(c, record));
    await recordAudit(c, 'sign_in');
    c.header('Cache-Control', 'no-store');
    return c.redirect(safeReturnTo(saved.returnTo), 303);
  });

  routes.post('/logout', async (c) => {
    const session = oidc ? await currentSession(c) : null;
    if (session) c.set('flowDeskViewer', viewerFor(c, session));
    const refused = crossSiteRefusal(c, settings);
    if (refused) {
      if (session) await recordAudit(c, 'access_refused', { detail: `sign-out refused: ${refused}` });
      return problemJson(c, 403, 'forbidden', `Refused: ${refused} (a cross-site request?).`);
    }
    const signedOut = `${publicBase}/auth/signed-out`;
    if (!oidc) return c.json({ redirect: '/' });
    let redirect = '/auth/signed-out';
    if (session) {
      const token = getCookie(c, SESSION_COOKIE)!;
      await sessions.end(token);
      await recordAudit(c, 'sign_out');
      redirect = (await oidc.endSessionUrl(session.idToken, signedOut).catch(() => null))?.href ?? redirect;
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
    c.header('Cache-Control', 'no-store');
    return c.json({ redirect });
  });

  routes.get('/signed-out', (c) =>
    page(c, 200, 'You have signed out', html`<p>You have signed out of Flow Desk.</p><p><a href="/auth/login">Sign in again</a></p>`),
  );

  routes.all('*', (c) => c.text('Not found', 404));

  // ---- /api/* sessions
  const requireSession: MiddlewareHandler = async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const session = oidc ? await currentSession(c) : null;
    if (oidc && !session) return problemJson(c, 401, 'unauthorized', 'Sign in to Flow Desk to continue.');
    c.set('flowDeskViewer', viewerFor(c, session));
    const refused = crossSiteRefusal(c, settings);
    if (refused) {
      await recordAudit(c, 'access_refused', { detail: `${c.req.method} ${c.req.path.slice(0, 300)} refused: ${refused}` });
      return problemJson(c, 403, 'forbidden', `Refused: ${refused} (a cross-site request?).`);
    }
    return next();
  };

  // ---- /api routes of this layer
  const api = new Hono();
  api.get('/session', (c) => {
    const viewer = viewerOf(c)!;
    const access = viewer.scope.all ? 'all' : seesNothing(viewer.scope) ? 'none' : 'some';
    return c.json({
      mode: viewer.mode,
      user: viewer.user ? { name: viewer.user.name, email: viewer.user.email } : null,
      admin: viewer.scope.admin,
      access,
      // Whom to ask for access: only to those who have none yet.
      askWhom: access === 'none' ? settings.access.admins : [],
    });
  });

  const requireAdmin = async (c: Context, what = 'read the audit trail') => {
    if (viewerOf(c)?.scope.admin) return null;
    await recordAudit(c, 'access_refused', { detail: `${c.req.method} ${c.req.path.slice(0, 300)}: not an admin` });
    return problemJson(c, 403, 'forbidden', `Only Flow Desk admins can ${what}.`);
  };
  const readFilter = (c: Context) => {
    const parsed = auditQuery.safeParse(c.req.query());
    if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const { user, account, flow, from, to, offset, limit } = parsed.data;
    const filter: AuditFilter = { user, account, flow, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    return { filter, offset, limit };
  };

  api.get('/audit', async (c) => {
    const refused = await requireAdmin(c);
    if (refused) return refused;
    const read = readFilter(c);
    if ('error' in read) return problemJson(c, 400, 'invalid_request', `Bad audit filter: ${read.error}`);
    const page = await audit.query(read.filter, { offset: read.offset, limit: read.limit });
    return c.json({ total: page.total, entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString() })) });
  });

  api.get('/audit.csv', async (c) => {
    const refused = await requireAdmin(c);
    if (refused) return refused;
    const read = readFilter(c);
    if ('error' in read) return problemJson(c, 400, 'invalid_request', `Bad audit filter: ${read.error}`);
    const page = await audit.query(read.filter, { offset: 0, limit: CSV_LIMIT });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="flow-desk-audit-${clock().toISOString().slice(0, 10)}.csv"`);
    return c.body(auditCsv(page.entries));
  });

  // An admin signs a user out everywhere: every session of theirs ends, on every replica.
  api.post('/admin/sessions/revoke', async (c) => {
    const refused = await requireAdmin(c, "end other users' sessions");
    if (refused) return refused;
    const parsed = revokeBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problemJson(c, 400, 'invalid_request', 'Send {"user": "<email or id at the identity provider>"}.');
    const revoked = await sessions.endAllForUser(parsed.data.user);
    await recordAudit(c, 'sessions_revoked', { detail: `${revoked} session${revoked === 1 ? '' : 's'} of ${parsed.data.user.slice(0, 320)}` });
    return c.json({ revoked });
  });

  api.post('/accounts/:accountId/channels/:channelId/flows/:flowId/ticket-copy', async (c) => {
    const { accountId, channelId, flowId } = c.req.param();
    const refused = await authorizeAccount(c, accountId, { channel: channelId.slice(0, 120), flow: flowId.slice(0, 128) });
    if (refused) return refused;
    if (!accountIds.has(accountId)) return problemJson(c, 404, 'not_found', `There is no account "${accountId.slice(0, 40)}" in Flow Desk.`);
    if (!FLOW_ID.test(flowId) || !FLOW_ID.test(channelId)) return problemJson(c, 400, 'invalid_request', 'The channel or flow id is not valid.');
    await recordAudit(c, 'flow_copied_for_ticket', { account: accountId, channel: channelId, flow: flowId });
    return c.body(null, 204);
  });

  // ---- every route of an account, whichever module serves it
  const decode = (s: string | undefined) => {
    try {
      return s === undefined ? null : decodeURIComponent(s).slice(0, 128);
    } catch {
      return null;
    }
  };
  const accountGuard: MiddlewareHandler = async (c, next) => {
    const flowMatch = FLOW_ROUTE.exec(c.req.path);
    const syncMatch = SYNC_ROUTE.exec(c.req.path);
    const target = { channel: decode(CHANNEL_ROUTE.exec(c.req.path)?.[1]), flow: decode(flowMatch?.[3]) };
    const accountId = decode(c.req.path.split('/')[3]) ?? '';
    const refused = await authorizeAccount(c, accountId, target);
    if (refused) return refused;
    await next();
    const status = c.res.status;
    if (flowMatch && c.req.method === 'GET') {
      // Every opening past the access check is recorded, also when the provider failed (said in the detail).
      const action = flowMatch[4] === '/json' ? 'flow_json_downloaded' : flowMatch[4] === undefined ? 'flow_opened' : null;
      if (action) await recordAudit(c, action, { account: accountId, ...target, detail: status >= 200 && status < 300 ? null : `answered HTTP ${status}` });
    } else if (syncMatch && c.req.method === 'POST' && status >= 200 && status < 300) {
      await recordAudit(c, 'sync_started', { account: accountId, channel: target.channel });
    }
  };

  // ---- pages
  const pageGuard: MiddlewareHandler = async (c, next) => {
    if (!oidc) return next();
    if (await currentSession(c)) return next();
    const navigation = (c.req.method === 'GET' || c.req.method === 'HEAD') && (c.req.header('sec-fetch-mode') === 'navigate' || (c.req.header('accept') ?? '').includes('text/html'));
    if (!navigation) {
      c.header('Cache-Control', 'no-store');
      return c.text('Sign in to Flow Desk first.', 401);
    }
    const url = new URL(c.req.url);
    return startLogin(c, `${url.pathname}${url.search}`);
  };

  return {
    settings,
    sessions,
    audit,
    ready: async () => {
      await oidc?.ready();
    },
    hostGuard: hostGuard(settings),
    routes,
    requireSession,
    api,
    accountGuard,
    pageGuard,
  };
}

/** How a user (or in local and anonymous modes, everyone) is described at start-up. */
export function describeMode(settings: AuthSettings): string {
  switch (settings.mode) {
    case 'oidc':
      return `sign-in with ${settings.oidc!.issuerUrl.href} at ${settings.publicUrl!.origin}`;
    case 'local':
      return 'local mode: only this computer can open Flow Desk';
    case 'anonymous':
      return `anonymous mode at ${settings.publicUrl!.origin}: no sign-in, every account visible to anyone who reaches it`;
  }
}

export type { AccountScope } from './access';
