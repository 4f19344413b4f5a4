// @vitest-environment node
/**
 * The proxy API end to end: on the built-in simulator (no keys), and with keys against a real
 * HTTP fake upstream (proving base URL, auth header and CDN download, and that keys never leak).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { AccountInfoSchema, FlowDetailSchema, FlowPageSchema, type AccountInfo, type FlowDetail, type FlowPage } from '../src/model/flow';
import { flowDocument } from '../src/mocks/data/flow-assets';
import type { SimFlow } from '../src/mocks/data/world';
import { createSimulator } from '../src/mocks/simulator';
import { SEED_FLOW_JSON as SEED_8X8_FLOW_JSON } from '../src/providers/8x8/simulator';
import { ManualClock } from '../src/lib/clock';
import { createProxyContext } from './app';
import { loadConfig } from './config';
import { createProxy } from './proxy';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import {
  ACCOUNT_8X8,
  apiApp,
  clockedApiApp,
  ID_8X8,
  ID_KALEYRA,
  CHANNEL_8X8,
  KEY_8X8,
  KEY_KALEYRA,
  keyedEnv,
  LIST_8X8,
  LIST_KALEYRA,
  parseExactly,
  parseList,
  problemOf,
  SEED_FLOW_8X8,
  SEED_FLOW_KALEYRA,
  SHOWCASE,
  showcase,
  SID_KALEYRA,
  WABA_KALEYRA,
} from './testing/fixtures';

const demoAccounts = loadConfig({}).accounts;
const demoChannels = (provider: string) => {
  const account = demoAccounts.find((a) => a.id === provider)!;
  return createSimulator(account.provider, account.settings).channels;
};
const simFlow = (provider: '8x8' | 'kaleyra', id: string): SimFlow => demoChannels(provider)[0]!.byId.get(id)!;
const callsTo = (fake: FakeUpstream, account: string) => fake.requests.filter((r) => r.target?.account === account && !r.target.cdn);
const cdnCalls = (fake: FakeUpstream) => fake.requests.filter((r) => r.target?.cdn);
const listOf = (provider: '8x8' | 'kaleyra') => (provider === '8x8' ? LIST_8X8 : LIST_KALEYRA);

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('simulated mode (no keys)', () => {
  const app = apiApp();

  it('lists a simulated demo account of every provider, with its channels, and no secret', async () => {
    const response = await app.request('/api/accounts');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const accounts = await parseList(AccountInfoSchema, response);
    expect(accounts.map((a) => [a.id, a.provider, a.providerAccountId, a.channels.map((c) => c.channelId)])).toEqual([
      ['8x8', '8x8', ACCOUNT_8X8, [CHANNEL_8X8, '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a']],
      ['kaleyra', 'kaleyra', SID_KALEYRA, [WABA_KALEYRA, '121289000000655']],
      ['meta', 'meta', null, ['102290129340398', '102290129340399']],
      ['360dialog', '360dialog', null, ['waba']],
      ['gupshup', 'gupshup', '5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f', ['5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f']],
      ['infobip', 'infobip', 'api.infobip.com', ['447796344125']],
      ['aws', 'aws', 'eu-west-1', ['waba-0123456789abcdef0123456789abcdef', 'waba-fedcba9876543210fedcba9876543210']],
    ]);
    expect(accounts.every((a) => a.simulated)).toBe(true);
    expect(accounts.find((a) => a.id === 'kaleyra')?.capabilities).toEqual({ health: true, listCarriesDetails: true, previewCall: false, validationErrors: true });
    expect(accounts.find((a) => a.id === '8x8')?.capabilities).toEqual({ health: false, listCarriesDetails: false, previewCall: true, validationErrors: true });
    expect(accounts.find((a) => a.id === '8x8')?.rateLimit).toMatchObject({ requests: 100, perMs: 60_000 });
    expect(accounts.find((a) => a.id === '8x8')?.wording.notExposed).toEqual(['8x8 does not expose flow health.']);
  });

  it('lists 8x8 flows with id, name and status only', async () => {
    const response = await app.request(LIST_8X8);
    expect(response.status).toBe(200);
    const page = parseExactly(FlowPageSchema, await response.json());
    expect(page.next).toBeUndefined();
    expect(page.flows[0]).toEqual({ id: SEED_FLOW_8X8, name: 'Example flow', status: 'DRAFT' });
    expect(page.flows).toHaveLength(demoChannels('8x8')[0]!.flows.length);
    expect(page.flows.every((f) => Object.keys(f).sort().join() === 'id,name,status')).toBe(true);
  });

  it("gives the 8x8 seed flow's details mapped from 8x8's camelCase", async () => {
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}`);
    expect(response.status).toBe(200);
    const flow = parseExactly(FlowDetailSchema, await response.json());
    expect(flow).toMatchObject({ id: SEED_FLOW_8X8, name: 'Example flow', status: 'DRAFT', categories: ['OTHER'], health: null, hasFlowJson: true });
    expect(flow.validationErrors).toEqual([
      {
        code: 'INVALID_PROPERTY_VALUE',
        type: 'FLOW_JSON_ERROR',
        message: "Invalid value found for property 'type'.",
        lineStart: 1,
        lineEnd: 1,
        columnStart: 84,
        columnEnd: 92,
        pointers: [{ lineStart: 1, lineEnd: 1, columnStart: 84, columnEnd: 92, path: 'screens[0].layout.children[0].children[0].type' }],
      },
    ]);
  });

  it('lists Kaleyra flows with categories, error counts and health', async () => {
    const response = await app.request(LIST_KALEYRA);
    expect(response.status).toBe(200);
    const page = FlowPageSchema.parse(await response.json());
    expect(page.next).toBeUndefined();
    expect(page.flows).toHaveLength(demoChannels('kaleyra')[0]!.flows.length);
    expect(page.flows[0]).toMatchObject({ id: SEED_FLOW_KALEYRA, name: 'Demo Flow Stage 6', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING'], validationErrorCount: 0 });
  });

  it("gives a Kaleyra flow's details with health", async () => {
    const response = await app.request(`${LIST_KALEYRA}/5500000000000001`);
    expect(response.status).toBe(200);
    const flow = parseExactly(FlowDetailSchema, await response.json());
    expect(flow).toMatchObject({ id: '5500000000000001', name: 'Lead capture', endpointUri: 'https://example.com', whatsappBusinessAccount: { id: WABA_KALEYRA, name: 'Kaleyra_ATU_STG' }, hasFlowJson: true });
    expect(flow.health?.canSendMessage).toBe('BLOCKED');
    expect(flow.health?.entities.map((e) => `${e.type}:${e.canSendMessage}`)).toEqual(['FLOW:BLOCKED', 'WABA:AVAILABLE', 'BUSINESS:AVAILABLE', 'APP:LIMITED']);
  });

  it('returns the 8x8 seed flow JSON byte for byte, as text', async () => {
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const bytes = await bytesOf(response);
    expect(bytes.equals(Buffer.from(SEED_8X8_FLOW_JSON, 'utf8'))).toBe(true);
    expect(response.headers.get('x-flow-json-bytes')).toBe(String(bytes.byteLength));
  });

  it.each(['8x8', 'kaleyra'] as const)('returns non-ASCII flow JSON (%s) byte for byte', async (provider) => {
    const id = showcase(provider, SHOWCASE.nonAscii);
    const response = await app.request(`${listOf(provider)}/${id}/json`);
    expect(response.status).toBe(200);
    const expected = Buffer.from(flowDocument(simFlow(provider, id)).text, 'utf8');
    expect(expected.toString('utf8')).toMatch(/[^\p{ASCII}]/u);
    expect((await bytesOf(response)).equals(expected)).toBe(true);
    expect(response.headers.get('x-flow-json-bytes')).toBe(String(expected.byteLength));
  });

  it('follows Kaleyra paging across three pages of 1000 (SIMULATOR_FLOWS=2500)', async () => {
    const big = apiApp({ SIMULATOR_FLOWS: '2500' });
    const pages: FlowPage[] = [];
    let next: string | undefined;
    do {
      const response = await big.request(`${LIST_KALEYRA}${next ? `?after=${encodeURIComponent(next)}` : ''}`);
      expect(response.status).toBe(200);
      const page = FlowPageSchema.parse(await response.json());
      pages.push(page);
      next = page.next;
    } while (next && pages.length < 10);
    expect(pages.map((p) => p.flows.length)).toEqual([1000, 1000, 511]);
    const ids = pages.flatMap((p) => p.flows.map((f) => f.id));
    expect(new Set(ids).size).toBe(2511);
    expect(ids[0]).toBe(SEED_FLOW_KALEYRA);
  });

  describe.each(['8x8', 'kaleyra'] as const)('showcase flows (%s)', (provider) => {
    const base = listOf(provider);

    it('an expired link is retried once with a fresh link, then 410', async () => {
      // Count the link requests (8x8: details, Kaleyra: assets) at the simulator's fetch.
      const ctx = createProxyContext(loadConfig({}));
      const client = ctx.accounts.get(provider)!.client;
      const seen: string[] = [];
      const inner = client.fetch;
      client.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return inner(input, init);
      }) as typeof fetch;
      const app = new Hono().route('/api', createProxy(ctx));

      const id = showcase(provider, SHOWCASE.expired);
      const response = await app.request(`${base}/${id}/json`);
      expect(response.status).toBe(410);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ kind: 'json_url_expired', provider, upstreamStatus: 403 });
      const linkCall = provider === '8x8' ? new RegExp(`/flows/${id}$`) : new RegExp(`/whatsapp/${id}/assets$`);
      expect(seen.filter((u) => linkCall.test(u))).toHaveLength(2);
    });

    it('JSON that does not parse is returned as raw text with 200', async () => {
      const response = await app.request(`${base}/${showcase(provider, SHOWCASE.notJson)}/json`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toBe('{"version": "5.0", "screens": [ { "id": "BROKEN", "title": "Oops" ');
      expect(() => JSON.parse(text)).toThrow();
    });

    it('flow JSON over 10 MB is refused with 413', async () => {
      const response = await app.request(`${base}/${showcase(provider, SHOWCASE.oversized)}/json`);
      expect(response.status).toBe(413);
      expect(await problemOf(response)).toMatchObject({ kind: 'json_too_large', provider });
    });

    it('a flow without a flow JSON link gives 404 no_flow_json', async () => {
      const detail = await app.request(`${base}/${showcase(provider, SHOWCASE.noJson)}`);
      // 8x8's details say so; Kaleyra's details never carry the link (only the assets call does).
      expect(((await detail.json()) as FlowDetail).hasFlowJson).toBe(provider === 'kaleyra');
      const response = await app.request(`${base}/${showcase(provider, SHOWCASE.noJson)}/json`);
      expect(response.status).toBe(404);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ kind: 'no_flow_json', provider });
      expect(problem.message).toContain(provider === '8x8' ? '8x8 Chat Apps' : 'Kaleyra');
    });
  });
});

describe('with keys, against a fake upstream over HTTP', () => {
  let fake: FakeUpstream;
  let app: Hono;

  beforeAll(async () => {
    fake = await startFakeUpstream();
    app = apiApp(keyedEnv(fake));
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    fake.setIntercept(null);
  });

  it('lists only the configured channels, not simulated (and the other providers simulated)', async () => {
    const accounts: AccountInfo[] = await parseList(AccountInfoSchema, await app.request('/api/accounts'));
    expect(accounts.slice(0, 2)).toEqual([
      expect.objectContaining({ id: ID_8X8, provider: '8x8', providerAccountId: ACCOUNT_8X8, channels: [{ channelId: CHANNEL_8X8, label: null }], simulated: false }),
      expect.objectContaining({ id: ID_KALEYRA, provider: 'kaleyra', providerAccountId: SID_KALEYRA, channels: [{ channelId: WABA_KALEYRA, label: null }], simulated: false }),
    ]);
    expect(accounts.slice(2).every((a) => a.simulated)).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('calls 8x8 at the configured base URL with Authorization: Bearer <key>', async () => {
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as FlowDetail).name).toBe('Example flow');
    expect(fake.requests).toHaveLength(1);
    const [call] = fake.requests;
    expect(call).toMatchObject({ method: 'GET', target: { account: ID_8X8, cdn: false }, path: `/${ID_8X8}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows/${SEED_FLOW_8X8}`, status: 200 });
    expect(call!.headers.authorization).toBe(`Bearer ${KEY_8X8}`);
    expect(call!.headers['api-key']).toBeUndefined();
  });

  it('calls Kaleyra at the configured base URL with api-key: <key>', async () => {
    const response = await app.request(LIST_KALEYRA);
    expect(response.status).toBe(200);
    expect(FlowPageSchema.parse(await response.json()).flows[0]?.id).toBe(SEED_FLOW_KALEYRA);
    expect(fake.requests).toHaveLength(1);
    const [call] = fake.requests;
    const url = new URL(call!.path, fake.url);
    expect(url.pathname).toBe(`/${ID_KALEYRA}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`);
    expect(url.searchParams.get('limit')).toBe('1000');
    expect(call!.headers['api-key']).toBe(KEY_KALEYRA);
    expect(call!.headers.authorization).toBeUndefined();
  });

  it.each([
    ['8x8', SEED_FLOW_8X8, (): string => SEED_8X8_FLOW_JSON],
    ['kaleyra', SEED_FLOW_KALEYRA, (): string => flowDocument(simFlow('kaleyra', SEED_FLOW_KALEYRA)).text],
  ] as const)('downloads %s flow JSON from the fake CDN, byte for byte, without sending the key', async (provider, id, expected) => {
    // A fresh server: the one above reuses a link it learned from details opened in the last 5 s.
    const response = await apiApp(keyedEnv(fake)).request(`${listOf(provider)}/${id}/json`);
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).equals(Buffer.from(expected(), 'utf8'))).toBe(true);
    const cdn = cdnCalls(fake);
    expect(cdn).toHaveLength(1);
    expect(cdn[0]!.status).toBe(200);
    expect(cdn[0]!.headers.authorization).toBeUndefined();
    expect(cdn[0]!.headers['api-key']).toBeUndefined();
    // 8x8: the details call gives the link; Kaleyra: the assets call.
    expect(callsTo(fake, provider)).toHaveLength(1);
  });

  it('a crowd opening one flow JSON within 5 s costs one link call (the concurrent ones one download); later, a fresh link', async () => {
    const clock = new ManualClock(0);
    const crowdApp = clockedApiApp(keyedEnv(fake), clock);
    const open = () => crowdApp.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`);
    const first = await Promise.all(Array.from({ length: 5 }, open));
    clock.advance(4_000);
    const second = await open();
    for (const response of [...first, second]) expect(response.status).toBe(200);
    expect(callsTo(fake, ID_8X8)).toHaveLength(1);
    expect(cdnCalls(fake)).toHaveLength(2);
    clock.advance(1_000);
    expect((await open()).status).toBe(200);
    expect(callsTo(fake, ID_8X8)).toHaveLength(2);
  });

  it('opening a flow then its JSON costs one details call: the JSON link comes from the details just read', async () => {
    const fresh = apiApp(keyedEnv(fake));
    expect((await fresh.request(`${LIST_8X8}/${SEED_FLOW_8X8}`)).status).toBe(200);
    expect((await fresh.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`)).status).toBe(200);
    expect(callsTo(fake, ID_8X8)).toHaveLength(1);
    expect(cdnCalls(fake)).toHaveLength(1);
  });

  it.each(['8x8', 'kaleyra'] as const)('%s: an expired link makes exactly one fresh-link call, then 410', async (provider) => {
    const id = showcase(provider, SHOWCASE.expired);
    const response = await app.request(`${listOf(provider)}/${id}/json`);
    expect(response.status).toBe(410);
    expect(await problemOf(response)).toMatchObject({ kind: 'json_url_expired', provider, upstreamStatus: 403 });
    const linkCalls = callsTo(fake, provider);
    expect(linkCalls.map((r) => new URL(r.path, fake.url).pathname)).toEqual(
      Array(2).fill(provider === '8x8' ? `/${ID_8X8}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows/${id}` : `/${ID_KALEYRA}/v2/${SID_KALEYRA}/whatsapp/${id}/assets`),
    );
    expect(cdnCalls(fake).map((r) => r.status)).toEqual([403, 403]);
  });

  it('does not forward query parameters the browser adds', async () => {
    const response = await app.request(`${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}?fields=access_token&access_token=x`);
    expect(response.status).toBe(200);
    const url = new URL(fake.requests[0]!.path, fake.url);
    expect(url.searchParams.get('fields')).not.toContain('access_token');
    expect(url.searchParams.has('access_token')).toBe(false);
  });

  it('coalesces identical concurrent list calls into one upstream call', async () => {
    // Hold the upstream answer briefly so all calls are surely in flight together.
    fake.setIntercept(async () => {
      await new Promise((r) => setTimeout(r, 150));
      return false;
    });
    for (const list of [LIST_8X8, LIST_KALEYRA]) {
      fake.requests.length = 0;
      const responses = await Promise.all(Array.from({ length: 25 }, () => app.request(list)));
      expect(responses.map((r) => r.status)).toEqual(Array(25).fill(200));
      const bodies = await Promise.all(responses.map((r) => r.text()));
      expect(new Set(bodies).size).toBe(1);
      expect(fake.requests).toHaveLength(1);
    }
  });

  it('does not coalesce calls of two apps in one process (each has its own clients)', async () => {
    fake.setIntercept(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return false;
    });
    const other = apiApp(keyedEnv(fake, { KALEYRA_API_KEY: 'another-fake-key' }));
    const [mine, theirs] = await Promise.all([app.request(LIST_KALEYRA), other.request(LIST_KALEYRA)]);
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    expect(fake.requests.map((r) => r.headers['api-key']).sort()).toEqual(['another-fake-key', KEY_KALEYRA].sort());
  });

  it('does not coalesce calls for different pages or flows', async () => {
    fake.setIntercept(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return false;
    });
    const after = btoa('offset:1');
    await Promise.all([app.request(LIST_KALEYRA), app.request(`${LIST_KALEYRA}?after=${after}`), app.request(`${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}`)]);
    expect(fake.requests).toHaveLength(3);
  });

  it('redacts the key when a provider echoes it in an error', async () => {
    fake.setIntercept((req, res) => {
      const key = String(req.headers['api-key'] ?? req.headers.authorization ?? '');
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: `BAD_KEY_${key}`, message: `The API key ${key} is not valid`, errorId: key }));
      return true;
    });
    for (const path of [LIST_8X8, LIST_KALEYRA]) {
      const response = await app.request(path);
      expect(response.status).toBe(401);
      const text = await response.clone().text();
      expect(text).not.toContain(KEY_8X8);
      expect(text).not.toContain(KEY_KALEYRA);
      expect((await problemOf(response)).providerMessage).toContain('[redacted]');
    }
  });
});

describe('keys never reach the browser', () => {
  const routes = (extra: string[] = []) => [
    '/api/accounts',
    LIST_8X8,
    `${LIST_8X8}?after=abc`,
    `${LIST_8X8}/${SEED_FLOW_8X8}`,
    `${LIST_8X8}/${SEED_FLOW_8X8}/json`,
    `${LIST_8X8}/${showcase('8x8', SHOWCASE.expired)}/json`,
    `${LIST_8X8}/${showcase('8x8', SHOWCASE.notJson)}/json`,
    `${LIST_8X8}/${showcase('8x8', SHOWCASE.oversized)}/json`,
    `${LIST_8X8}/${showcase('8x8', SHOWCASE.noJson)}/json`,
    `${LIST_8X8}/999999`,
    `${LIST_8X8}/bad..id`,
    `/api/accounts/not-an-account/channels/${CHANNEL_8X8}/flows`,
    `/api/accounts/${ID_8X8}/channels/unknown-channel/flows`,
    LIST_KALEYRA,
    `${LIST_KALEYRA}?after=${btoa('offset:5')}`,
    `${LIST_KALEYRA}?after=%2F%2F..`,
    `${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}`,
    `${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}/json`,
    `${LIST_KALEYRA}/${showcase('kaleyra', SHOWCASE.expired)}/json`,
    `${LIST_KALEYRA}/${showcase('kaleyra', SHOWCASE.noJson)}/json`,
    `${LIST_KALEYRA}/0000/json`,
    `/api/accounts/${ID_KALEYRA}/channels/WRONG..WABA/flows`,
    `/api/flows/8x8/${ACCOUNT_8X8}/${CHANNEL_8X8}`,
    '/api/nope',
    ...extra,
  ];
  const leaks = (text: string) => [KEY_8X8, KEY_KALEYRA].filter((key) => text.includes(key));

  async function walk(app: Hono, paths: string[]) {
    const statuses: number[] = [];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS']) {
        const response = await app.request(path, { method, headers: { Origin: 'https://attacker.example' } });
        statuses.push(response.status);
        const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
        const body = method === 'HEAD' ? '' : await response.text();
        expect(leaks(headers), `${method} ${path} headers`).toEqual([]);
        expect(leaks(body), `${method} ${path} body`).toEqual([]);
      }
    }
    return statuses;
  }

  it('in answers from a healthy provider', async () => {
    const fake = await startFakeUpstream();
    try {
      const statuses = await walk(apiApp(keyedEnv(fake)), routes());
      // The walk covered successes and failures alike (403: the cross-site POSTs, refused before any route).
      expect(new Set(statuses)).toEqual(new Set([200, 400, 403, 404, 410, 413]));
      expect(fake.requests.length).toBeGreaterThan(10);
    } finally {
      await fake.close();
    }
  }, 30_000);

  it.each(['400', '401', '404', '429-no-retry-after', 'not-json', 'truncated', 'wrong-shape'])('in answers when every provider call fails with %s', async (fault) => {
    const fake = await startFakeUpstream({ faults: `8x8=${fault},kaleyra=${fault}` });
    try {
      await walk(apiApp(keyedEnv(fake)), routes());
      expect(fake.requests.some((r) => r.target && !r.target.cdn)).toBe(true);
    } finally {
      await fake.close();
    }
  }, 30_000);

  it('in answers when the upstream times out or is unreachable', async () => {
    const fake = await startFakeUpstream({ faults: '8x8=timeout,kaleyra=refused' });
    try {
      await walk(apiApp(keyedEnv(fake, { UPSTREAM_TIMEOUT_MS: '200' })), [LIST_8X8, `${LIST_8X8}/${SEED_FLOW_8X8}/json`, LIST_KALEYRA]);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
