// @vitest-environment node
/**
 * An AWS account end to end: Flow Desk's proxy calls the SDK, whose requests reach the repo's
 * fake upstream over real HTTP, where the simulator recomputes each SigV4 signature for the
 * configured keys. Wrong keys, throttling, AWS's other errors, paging, and the string validation
 * errors placed in the downloaded flow JSON where they name a path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowDetailSchema, FlowPageSchema } from '../../model/flow';
import { locateErrors } from '../../lib/json-positions';
import { plantedErrors } from '../../mocks/data/flow-assets';
import { createApiApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { startFakeUpstream, type FakeUpstream } from '../../../server/testing/fake-upstream';
import { listPath, problemOf } from '../../../server/testing/fixtures';

const WABA = 'waba-0123456789abcdef0123456789abcdef';
const KEYS = { AWS_KEY_ID: 'AKIAFAKE5TQ8WX2ZL1', AWS_SECRET: 'fake-aws-secret-9Kd3/Lm+Q', AWS_TOKEN: 'fake-session-token-7Hs2' };
const file = (fake: string, keys: { id: string; secret: string; token?: boolean }) => `
accounts:
  - id: aws-eu
    provider: aws
    region: eu-west-1
    accessKeyId: ${keys.id}
    secretAccessKey: ${keys.secret}
${keys.token ? '    sessionToken: ${AWS_TOKEN}\n' : ''}    wabaIds: ["${WABA}"]
    endpoint: ${fake}/aws-eu
flowAssetHosts: ["${new URL(fake).host}"]
`;
const right = { id: '${AWS_KEY_ID}', secret: '${AWS_SECRET}', token: true };
const load = (url: string, keys: { id: string; secret: string; token?: boolean } = right) =>
  loadConfig({ FLOWDESK_CONFIG: '/virtual/accounts.yaml', ...KEYS, UPSTREAM_TIMEOUT_MS: '3000' }, () => file(url, keys));
const LIST = listPath('aws-eu', WABA);

let fake: FakeUpstream;
let app: ReturnType<typeof createApiApp>;
const calls = () => fake.requests.filter((r) => r.target && !r.target.cdn);

beforeAll(async () => {
  // The fake insists on exactly these keys (and recomputes every signature with them).
  fake = await startFakeUpstream({ accounts: load('http://127.0.0.1:1').accounts, flowsPerChannel: 150 });
  app = createApiApp(load(fake.url));
});
afterAll(() => fake.close());

/** Answers the next `times` AWS calls with a restJson1 error, then lets calls through. */
function failNext(times: number, status: number, type: string, message: string) {
  let left = times;
  fake.setIntercept((req, res) => {
    if (left <= 0 || !req.url?.startsWith('/aws-eu/v1/')) return false;
    left--;
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.socialmessaging/`, 'x-amzn-requestid': `req-${type}` }).end(JSON.stringify({ message }));
    return true;
  });
}

describe('an AWS account through the SDK', () => {
  it('lists every page (nextToken) with calls signed for the configured keys and session token', async () => {
    fake.requests.length = 0;
    const first = await app.request(LIST);
    expect(first.status).toBe(200);
    const page = FlowPageSchema.parse(await first.json());
    expect(page.flows).toHaveLength(100);
    expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = FlowPageSchema.parse(await (await app.request(`${LIST}?after=${page.next}`)).json());
    expect(second.flows).toHaveLength(58);
    expect(second.next).toBeUndefined();
    expect(new Set([...page.flows, ...second.flows].map((f) => f.id)).size).toBe(158);
    for (const call of calls()) {
      expect(call.status).toBe(200);
      expect(call.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEYS.AWS_KEY_ID}/\\d{8}/eu-west-1/social-messaging/aws4_request, `));
      expect(call.headers['x-amz-security-token']).toBe(KEYS.AWS_TOKEN);
      expect(JSON.stringify(call.headers)).not.toContain(KEYS.AWS_SECRET);
    }
  });

  it.each([
    ['a wrong secret', { id: '${AWS_KEY_ID}', secret: 'not-the-secret', token: true }, 'InvalidSignatureException', /secret access key/],
    ['an unknown key id', { id: 'AKIAUNKNOWN00000000', secret: '${AWS_SECRET}', token: true }, 'UnrecognizedClientException', /access key id/],
  ])('refuses %s with 403 and says which key to check', async (_, keys, type, advice) => {
    const wrong = createApiApp(load(fake.url, keys));
    const response = await wrong.request(LIST);
    expect(response.status).toBe(403);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'forbidden', provider: 'aws', upstreamStatus: 403, code: type, errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(problem.message).toMatch(advice);
    expect(JSON.stringify(problem)).not.toContain(KEYS.AWS_SECRET);
  });

  it('retries ThrottlingException (HTTP 400) and ThrottledRequestException (429), which AWS answers without Retry-After', async () => {
    fake.requests.length = 0;
    failNext(1, 400, 'ThrottlingException', 'Rate exceeded');
    expect((await app.request(LIST)).status).toBe(200);
    expect(calls()).toHaveLength(2);

    fake.requests.length = 0;
    failNext(3, 429, 'ThrottledRequestException', 'The request was denied due to request throttling.');
    const response = await app.request(`${LIST}/9600000000001`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await problemOf(response)).toMatchObject({
      kind: 'rate_limited',
      upstreamStatus: 429,
      code: 'ThrottledRequestException',
      providerMessage: 'The request was denied due to request throttling.',
      errorId: 'req-ThrottledRequestException',
      retryAfterSeconds: 1,
    });
    // Three attempts in all: Flow Desk's, none of the SDK's.
    expect(calls()).toHaveLength(3);
    fake.setIntercept(null);
  });

  it.each([
    [404, 'ResourceNotFoundException', 404, 'not_found', 1],
    [400, 'ValidationException', 400, 'invalid_request', 1],
    [400, 'InvalidParametersException', 400, 'invalid_request', 1],
    [403, 'AccessDeniedException', 403, 'forbidden', 1],
    [403, 'AccessDeniedByMetaException', 403, 'forbidden', 1],
    [500, 'InternalServiceException', 502, 'provider_error', 3],
    [502, 'DependencyException', 502, 'provider_error', 3],
  ])('HTTP %i %s → %i %s, quoting type, message and request id (%i attempts)', async (status, type, answered, kind, attempts) => {
    fake.requests.length = 0;
    failNext(3, status, type, `${type} says so`);
    try {
      const response = await app.request(`${LIST}/9600000000001`);
      expect(response.status).toBe(answered);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ kind, provider: 'aws', upstreamStatus: status, code: type, providerMessage: `${type} says so`, errorId: `req-${type}` });
      expect(problem.message).toContain('AWS End User Messaging Social');
      expect(calls()).toHaveLength(attempts);
    } finally {
      fake.setIntercept(null);
    }
  });

  it('shows every string error, and places those that name a path or a line at the planted value', async () => {
    // A flow with an error of each style: line/column, $root path, dotted path.
    const channel = fake.simulator('aws-eu').channels[0]!;
    const flow = channel.flows.find((f) => plantedErrors(f).filter((e) => e.position).length >= 3 && plantedErrors(f).every((e) => e.position))!;
    expect(flow).toBeDefined();
    const detail = FlowDetailSchema.parse(await (await app.request(`${LIST}/${flow.id}`)).json());
    const planted = plantedErrors(flow);
    expect(detail.validationErrors).toHaveLength(planted.length);
    expect(detail.validationErrors.map((e) => e.message)).toEqual(planted.map((e) => expect.stringContaining(e.message)));
    const text = await (await app.request(`${LIST}/${flow.id}/json`)).text();
    const located = locateErrors(text, detail.validationErrors);
    planted.forEach((error, i) => {
      const place = located[i]!;
      if (i % 4 === 3) {
        // The message alone: listed, without a place.
        expect(place.how).toBe('unlocated');
        return;
      }
      expect(place.how).toBe(i % 4 === 0 ? 'token' : 'path');
      expect(text.slice(place.from, place.to)).toBe(JSON.stringify(error.value));
    });
  });

  it.each([
    ['timeout', 504, 'timeout'],
    ['refused', 502, 'unreachable'],
    ['not-json', 502, 'bad_response'],
    ['wrong-shape', 502, 'bad_response'],
  ] as const)('simulated aws.detail=%s → %i %s: the SDK hands the deadline and network failures to Flow Desk', async (fault, status, kind) => {
    const simulated = createApiApp(loadConfig({ SIMULATOR_FAULTS: `aws.detail=${fault}`, UPSTREAM_TIMEOUT_MS: '300' }));
    const response = await simulated.request(`${listPath('aws', WABA)}/9600000000006`);
    expect(response.status).toBe(status);
    expect(await problemOf(response)).toMatchObject({ kind, provider: 'aws' });
  });

  it('takes a WABA ARN as well as a waba-… id (encoded in Flow Desk’s URLs), on the simulator when the account has no keys', async () => {
    const arn = 'arn:aws:social-messaging:eu-west-1:123456789012:waba/0123456789abcdef0123456789abcdef';
    const simulated = createApiApp(loadConfig({ FLOWDESK_CONFIG: '/virtual/accounts.yaml' }, () => `accounts:\n  - id: aws-arn\n    provider: aws\n    region: eu-west-1\n    wabaIds: ["${arn}"]\n`));
    const list = listPath('aws-arn', encodeURIComponent(arn));
    const page = FlowPageSchema.parse(await (await simulated.request(list)).json());
    expect(page.flows.length).toBeGreaterThan(30);
    const json = await simulated.request(`${list}/9600000000006/json`);
    expect(json.status).toBe(200);
    expect(JSON.parse(await json.text())).toHaveProperty('screens');
  });

  it('says when a flow has no flow JSON asset, and never hands a key to the browser', async () => {
    const response = await app.request(`${LIST}/9600000000004/json`);
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ kind: 'no_flow_json', provider: 'aws' });
    const accounts = await (await app.request('/api/accounts')).text();
    for (const key of Object.values(KEYS)) expect(accounts).not.toContain(key);
  });
});
