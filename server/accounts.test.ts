// @vitest-environment node
/**
 * Many accounts from one accounts file, each on its own provider client: two 8x8 accounts with
 * different keys, a Kaleyra, a Meta, a 360dialog, a Gupshup, an Infobip and an AWS account (SigV4,
 * checked by recomputing the signature), pointed at a real HTTP fake that insists on each account's
 * own credentials. Every account lists and opens its flows with its
 * own auth header and no other's; one account failing does not hide another's flows; no key
 * reaches an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument } from '../src/mocks/data/flow-assets';
import { AccountInfoSchema, FlowDetailSchema, FlowPageSchema } from '../src/model/flow';
import { createApiApp } from './app';
import { loadConfig } from './config';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { listPath, parseList, problemOf } from './testing/fixtures';

const KEYS = { EU_KEY: 'key-eu-9Jd2kQ', US_KEY: 'key-us-4Hs8vW', KA_KEY: 'key-ka-7Lp3xZ', META_TOKEN: 'token-meta-2Vb6nM', D360_KEY: 'key-360-5Tq1rC', GS_TOKEN: 'sk_gs-8Ud4yE', IB_KEY: 'key-ib-3Wn7gA', AWS_KEY_ID: 'AKIAFAKE7RQ2WX9ZT4', AWS_SECRET: 'aws-secret-3Nf8Kd1Ls/p+Q' };
const GS_APP = '5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const IB_SENDER = '447860099299';
const accountsFile = (fake: string) => `
accounts:
  - id: retail-eu
    provider: 8x8
    name: Retail EU
    apiKey: \${EU_KEY}
    accountId: 5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9
    channels: [ec36a867-3dd4-e911-814a-02d85f55fce8]
    baseUrl: ${fake}/retail-eu
  - id: retail-us
    provider: 8x8
    apiKey: \${US_KEY}
    accountId: 0b9a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b
    channels: [4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a]
    baseUrl: ${fake}/retail-us
  - id: kaleyra-in
    provider: kaleyra
    apiKey: \${KA_KEY}
    sid: HXAP16XXXXXX97IN
    wabaIds: ["295000000000001"]
    baseUrl: ${fake}/kaleyra-in
  - id: meta-direct
    provider: meta
    accessToken: \${META_TOKEN}
    wabaIds: ["102290129340398"]
    baseUrl: ${fake}/meta-direct
  - id: d360-shop
    provider: 360dialog
    apiKey: \${D360_KEY}
    baseUrl: ${fake}/d360-shop
  - id: gs-app
    provider: gupshup
    appId: ${GS_APP}
    appToken: \${GS_TOKEN}
    baseUrl: ${fake}/gs-app
  - id: ib-main
    provider: infobip
    apiKey: \${IB_KEY}
    baseUrl: ${fake}/ib-main
    senders: ["${IB_SENDER}"]
  - id: aws-eu
    provider: aws
    name: AWS EU
    region: eu-west-1
    accessKeyId: \${AWS_KEY_ID}
    secretAccessKey: \${AWS_SECRET}
    wabaIds: ["waba-0123456789abcdef0123456789abcdef"]
    endpoint: ${fake}/aws-eu
flowAssetHosts: ["${new URL(fake).host}"]
`;

/** The header each account must send, and only it (SigV4: the key id and scope; the fake checks the signature). */
const AUTH: Record<string, [string, unknown]> = {
  'retail-eu': ['authorization', `Bearer ${KEYS.EU_KEY}`],
  'retail-us': ['authorization', `Bearer ${KEYS.US_KEY}`],
  'kaleyra-in': ['api-key', KEYS.KA_KEY],
  'meta-direct': ['authorization', `Bearer ${KEYS.META_TOKEN}`],
  'd360-shop': ['d360-api-key', KEYS.D360_KEY],
  'gs-app': ['authorization', KEYS.GS_TOKEN],
  'ib-main': ['authorization', `App ${KEYS.IB_KEY}`],
  'aws-eu': ['authorization', expect.stringMatching(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEYS.AWS_KEY_ID}/\\d{8}/eu-west-1/social-messaging/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`))],
};
/** The keys an account's calls may carry: its own key, or its key id (an AWS secret is never sent). */
const OWN: Record<string, string[]> = {
  'retail-eu': [KEYS.EU_KEY],
  'retail-us': [KEYS.US_KEY],
  'kaleyra-in': [KEYS.KA_KEY],
  'meta-direct': [KEYS.META_TOKEN],
  'd360-shop': [KEYS.D360_KEY],
  'gs-app': [KEYS.GS_TOKEN],
  'ib-main': [KEYS.IB_KEY],
  'aws-eu': [KEYS.AWS_KEY_ID],
};
const CHANNEL: Record<string, string> = {
  'retail-eu': 'ec36a867-3dd4-e911-814a-02d85f55fce8',
  'retail-us': '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a',
  'kaleyra-in': '295000000000001',
  'meta-direct': '102290129340398',
  'd360-shop': 'waba',
  'gs-app': GS_APP,
  'ib-main': IB_SENDER,
  'aws-eu': 'waba-0123456789abcdef0123456789abcdef',
};
/** A flow of each account with two planted errors (the showcase's non-ASCII flow). */
const FLOW_WITH_ERRORS: Record<string, string> = {
  'retail-eu': '9000000000006',
  'retail-us': '9000000000006',
  'kaleyra-in': '9100000000006',
  'meta-direct': '9200000000006',
  'd360-shop': '9300000000006',
  'gs-app': '9400000000006',
  'ib-main': '9500000000006',
  'aws-eu': '9600000000006',
};
/** Accounts whose provider does not report a flow's current validation errors, and serves its JSON itself (no CDN). */
const ERRORS_NOT_EXPOSED = new Set(['ib-main']);

let fake: FakeUpstream;
let app: ReturnType<typeof createApiApp>;
const env = (url: string) => ({ FLOWDESK_CONFIG: '/virtual/accounts.yaml', ...KEYS, FAKE: url });
const load = (url: string) => loadConfig(env(url), () => accountsFile(url));

beforeAll(async () => {
  // The fake serves the same accounts and insists on their keys (it ignores the base URLs).
  fake = await startFakeUpstream({ accounts: load('http://127.0.0.1:1').accounts });
  app = createApiApp(load(fake.url));
});
afterAll(() => fake.close());

describe('accounts from a file', () => {
  it('describes every account to the browser, live, with its channels and without a secret', async () => {
    const response = await app.request('/api/accounts');
    const text = await response.clone().text();
    const accounts = await parseList(AccountInfoSchema, response);
    expect(accounts.map((a) => [a.id, a.provider, a.simulated, a.channels.map((c) => c.channelId)])).toEqual(
      Object.keys(AUTH).map((id) => [id, expect.any(String), false, [CHANNEL[id]]]),
    );
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
  });

  it.each(Object.keys(AUTH))('%s lists and opens its flows with its own credentials, and no other account’s', async (id) => {
    fake.requests.length = 0;
    const list = await app.request(listPath(id, CHANNEL[id]!));
    expect(list.status).toBe(200);
    expect(FlowPageSchema.parse(await list.json()).flows.length).toBeGreaterThan(5);

    const flowId = FLOW_WITH_ERRORS[id]!;
    const detail = await app.request(`${listPath(id, CHANNEL[id]!)}/${flowId}`);
    expect(detail.status).toBe(200);
    const flow = FlowDetailSchema.parse(await detail.json());
    expect(flow.status).toBe('DRAFT');
    const json = await app.request(`${listPath(id, CHANNEL[id]!)}/${flowId}/json`);
    expect(json.status).toBe(200);
    const text = await json.text();
    if (ERRORS_NOT_EXPOSED.has(id)) {
      // Built from the list item; the JSON is exactly what the provider's API served.
      expect(flow).toMatchObject({ id: flowId, name: 'Non-ASCII labels with errors (demo)', validationErrors: [], hasFlowJson: true });
      expect(text).toBe(flowDocument(fake.simulator(id).channels[0]!.byId.get(flowId)!).text);
    } else {
      expect(flow.validationErrors).toHaveLength(2);
      expect(flow.validationErrors[0]).toMatchObject({ code: 'INVALID_PROPERTY_VALUE', lineStart: expect.any(Number), columnStart: expect.any(Number) });
      // The reported position points at the planted value in the downloaded text.
      const { lineStart, columnStart, columnEnd } = flow.validationErrors[0]!;
      expect(text.split('\n')[lineStart! - 1]!.slice(columnStart! - 1, columnEnd! - 1)).toBe('"TextHeadline"');
    }

    const calls = fake.requests.filter((r) => r.target && !r.target.cdn);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const [header, value] = AUTH[id]!;
    for (const call of calls) {
      expect(call.target?.account).toBe(id);
      expect(call.status).toBe(200);
      expect(call.headers[header]).toEqual(value);
      const sent = JSON.stringify(call.headers);
      for (const key of Object.values(KEYS).filter((k) => !OWN[id]!.includes(k))) expect(sent).not.toContain(key);
    }
    const cdn = fake.requests.filter((r) => r.target?.cdn);
    expect(cdn).toHaveLength(ERRORS_NOT_EXPOSED.has(id) ? 0 : 1);
    for (const call of cdn) for (const key of Object.values(KEYS)) expect(JSON.stringify(call.headers)).not.toContain(key);
  });

  it('builds a Gupshup flow from its details and its list item: the list’s status replaces Gupshup’s "success"', async () => {
    fake.requests.length = 0;
    const response = await app.request(`${listPath('gs-app', GS_APP)}/1616289422261049`);
    expect(response.status).toBe(200);
    expect(FlowDetailSchema.parse(await response.json())).toMatchObject({ id: '1616289422261049', name: 'flow_dev_01', status: 'DRAFT', jsonVersion: '3.1' });
    const details = fake.requests.find((r) => r.path.startsWith(`/gs-app/partner/app/${GS_APP}/flows/1616289422261049?`));
    expect(details?.body).toContain('"status":"success"');
    expect(fake.requests.some((r) => r.path === `/gs-app/partner/app/${GS_APP}/flows`)).toBe(true);
  });

  it('answers "not found" for a flow Gupshup does not know (its HTTP 400) and one an Infobip sender does not list', async () => {
    const gs = await app.request(`${listPath('gs-app', GS_APP)}/404404404`);
    expect(gs.status).toBe(404);
    expect(await problemOf(gs)).toMatchObject({ kind: 'not_found', provider: 'gupshup', upstreamStatus: 400, providerMessage: expect.stringMatching(/^Unsupported get request/) });
    const ib = await app.request(`${listPath('ib-main', IB_SENDER)}/404404404`);
    expect(ib.status).toBe(404);
    expect(await problemOf(ib)).toMatchObject({ kind: 'not_found', provider: 'infobip' });
  });

  it('downloads an Infobip flow JSON with the 10 MB cap, from Infobip’s API only', async () => {
    fake.requests.length = 0;
    const response = await app.request(`${listPath('ib-main', IB_SENDER)}/9500000000003/json`);
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ kind: 'json_too_large', provider: 'infobip' });
    expect(fake.requests.map((r) => r.target)).toEqual([{ account: 'ib-main', cdn: false }]);
  });

  it('keeps another account listing when one fails, and names the failing one', async () => {
    fake.setFaults('retail-us=503');
    try {
      const [us, eu] = await Promise.all([app.request(listPath('retail-us', CHANNEL['retail-us']!)), app.request(listPath('retail-eu', CHANNEL['retail-eu']!))]);
      expect(eu.status).toBe(200);
      expect(us.status).toBe(502);
      expect(await problemOf(us)).toMatchObject({ kind: 'provider_error', provider: '8x8', upstreamStatus: 503 });
    } finally {
      fake.setFaults(undefined);
    }
  });

  it('gives each 8x8 account its own request budget (100 per minute is per key)', async () => {
    const config = load(fake.url);
    const ctx = (await import('./app')).createProxyContext(config);
    const eu = ctx.accounts.get('retail-eu')!.client.budget;
    const us = ctx.accounts.get('retail-us')!.client.budget;
    expect(eu).not.toBe(us);
  });

  it('says an expired Meta token must be renewed, quoting code and fbtrace_id', async () => {
    fake.setIntercept((req, res) => {
      if (!req.url?.startsWith('/meta-direct/')) return false;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AbCdEf123' } }));
      return true;
    });
    try {
      const response = await app.request(listPath('meta-direct', CHANNEL['meta-direct']!));
      expect(response.status).toBe(401);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ kind: 'unauthorized', provider: 'meta', code: '190 (subcode 463)', errorId: 'AbCdEf123' });
      expect(problem.message).toMatch(/must be renewed/);
    } finally {
      fake.setIntercept(null);
    }
  });
});

describe('channel discovery', () => {
  it('lists the channels of an account whose provider has a call for it, paging, and retries after a failure', async () => {
    const { createAccountRuntime } = await import('./accounts');
    const { providerById } = await import('../src/providers/registry');
    const base = providerById('360dialog')!;
    // A provider like 360dialog whose config names no channels, with a documented listing call.
    const provider = {
      ...base,
      adapter: {
        ...base.adapter,
        configuredChannels: () => null,
        discoverChannels: {
          request: (_account: unknown, cursor: string | undefined) => ({ path: '/channels', query: cursor ? { after: cursor } : ({} as Record<string, string>) }),
          parse: (body: unknown) => body as { channels: { channelId: string; label: string | null }[]; next?: string },
        },
      },
    };
    let fail = true;
    fake.setIntercept((req, res) => {
      if (!req.url?.startsWith('/d360-shop/channels')) return false;
      if (fail) {
        fail = false;
        res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
        return true;
      }
      const second = req.url.includes('after=2');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(second ? { channels: [{ channelId: 'c2', label: null }] } : { channels: [{ channelId: 'c1', label: 'One' }], next: '2' }));
      return true;
    });
    try {
      const account = load(fake.url).accounts.find((a) => a.id === 'd360-shop')!;
      const runtime = createAccountRuntime({ ...account, provider }, { simulatorFlows: 30, simulatorFaults: undefined, upstreamTimeoutMs: 2000 });
      const failed = await runtime.info();
      expect(failed.channels).toEqual([]);
      expect(failed.problem).toMatchObject({ kind: 'unauthorized' });
      const found = await runtime.info();
      expect(found.problem).toBeNull();
      expect(found.channels).toEqual([
        { channelId: 'c1', label: 'One' },
        { channelId: 'c2', label: null },
      ]);
    } finally {
      fake.setIntercept(null);
    }
  });
});
