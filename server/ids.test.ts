// @vitest-environment node
/**
 * Path parameters are validated before anything is forwarded: hostile or malformed ids get 400
 * (or 404 where the router itself refuses) and the provider receives no request at all.
 * Requests are sent raw over a real socket, so paths reach the server exactly as written.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../src/model/flow';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { apiApp, CHANNEL_8X8, ID_8X8, ID_KALEYRA, keyedEnv, LIST_8X8, LIST_KALEYRA, listPath, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, SID_KALEYRA, WABA_KALEYRA } from './testing/fixtures';

let fake: FakeUpstream;
let server: ServerType;
let port = 0;

beforeAll(async () => {
  fake = await startFakeUpstream();
  const app = apiApp(keyedEnv(fake));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
});

/** A GET with the request target sent verbatim (no client-side normalisation or encoding). */
function rawGet(target: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: target, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const K = LIST_KALEYRA;
const E = LIST_8X8;
const eightChannel = (channel: string) => listPath(ID_8X8, channel);
const kaleyraChannel = (waba: string) => listPath(ID_KALEYRA, waba);

// [name, request target, expected status]; 404s come from the router (no route matches).
const cases: [string, string, 400 | 404][] = [
  ['encoded ../ in a flow id', `${E}/..%2F..%2Fadmin`, 400],
  ['encoded slash in a channel id', eightChannel(`ec36a867%2F..%2Fother`), 400],
  ['encoded ../../ as one flow id on the JSON route', `${K}/%2e%2e%2f%2e%2e%2fadmin/json`, 400],
  ['%2e%2e in the middle of a flow id', `${K}/a%2e%2eb`, 400],
  ['..%5C..%5C (encoded backslashes)', `${K}/..%5C..%5Cetc`, 400],
  ['encoded ?fields= in a flow id', `${K}/${SEED_FLOW_KALEYRA}%3Ffields%3Daccess_token`, 400],
  ['encoded ?fields= in a WABA id', kaleyraChannel(`${WABA_KALEYRA}%3Ffields%3Did`), 400],
  ['encoded # in a flow id', `${E}/${SEED_FLOW_8X8}%23frag`, 400],
  ['encoded & in a channel id', eightChannel(`${CHANNEL_8X8}%26limit%3D1`), 400],
  ['encoded space in a flow id', `${K}/1789%20XXXX`, 400],
  ['encoded NUL in a flow id', `${E}/${SEED_FLOW_8X8}%00`, 400],
  ['encoded CRLF header injection in a flow id', `${E}/${SEED_FLOW_8X8}%0D%0AX-Injected:%201`, 400],
  ['flow id of 65 characters', `${K}/${'1'.repeat(65)}`, 400],
  ['flow id of 4000 characters', `${E}/${'9'.repeat(4000)}`, 400],
  ['WABA id of 200 characters', kaleyraChannel(`${'2'.repeat(200)}`), 400],
  ['unicode letters in a flow id', `${K}/%C3%A9t%C3%A9`, 400],
  ['right-to-left override in a channel id', eightChannel(`%E2%80%AEec36a867`), 400],
  ['full-width digits in a flow id', `${E}/%EF%BC%91%EF%BC%92%EF%BC%93`, 400],
  ['channel id with a dot', eightChannel(`ec36a867.3dd4`), 400],
  ['page cursor with query syntax', `${K}?after=abc%26fields%3Daccess_token`, 400],
  ['page cursor over 1,024 characters', `${K}?after=${'A'.repeat(1025)}`, 400],
  ['page cursor with a dot-dot path', `${K}?after=..%2F..%2Fx`, 400],
  ['unknown account', `/api/accounts/retail-xx/channels/${WABA_KALEYRA}/flows`, 404],
  ['account id with an encoded slash', `/api/accounts/8x8%2F..%2Fkaleyra/channels/${WABA_KALEYRA}/flows`, 404],
  ['account id in another case', `/api/accounts/KALEYRA/channels/${WABA_KALEYRA}/flows`, 404],
  ['account id that is a prototype property', `/api/accounts/__proto__/channels/${WABA_KALEYRA}/flows`, 404],
  ['the provider\'s own account id in place of the account', `/api/accounts/${SID_KALEYRA}/channels/${WABA_KALEYRA}/flows`, 404],
  ['too many path segments', `${E}/${SEED_FLOW_8X8}/json/extra`, 404],
  ['dot segments that climb out of /api', `/api/accounts/../../v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`, 404],
];

describe('path parameter validation', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s → refused, nothing forwarded', async (_name, target, expected) => {
    const response = await rawGet(target);
    expect(response.status).toBe(expected);
    expect(fake.requests).toEqual([]);
    // A path that dot segments took out of /api is not the API's to answer (the host app's 404).
    if (target.startsWith('/api/accounts/../')) return;
    expect(response.type).toContain('application/json');
    const problem = ProblemSchema.parse((JSON.parse(response.body) as { problem: unknown }).problem);
    expect(problem.kind).toBe(expected === 400 ? 'invalid_request' : 'not_found');
    expect(fake.requests).toEqual([]);
  });

  it('names the bad id without echoing more than 80 characters of it', async () => {
    const response = await rawGet(`${E}/${'9'.repeat(4000)}`);
    const problem = ProblemSchema.parse((JSON.parse(response.body) as { problem: unknown }).problem);
    expect(problem.message).toMatch(/^Flow id "9{80}" is not a valid id\.$/);
  });

  it('accepts the same routes with valid ids (the table is not refusing everything)', async () => {
    for (const target of [E, `${E}/${SEED_FLOW_8X8}`, K, `${K}?after=${btoa('offset:3')}`, `${K}/${SEED_FLOW_KALEYRA}`]) {
      expect((await rawGet(target)).status, target).toBe(200);
    }
    expect(fake.requests).toHaveLength(5);
  });

  it('resolves dot segments before routing, so they cannot leave the route structure', async () => {
    // `…/channels/WABA/flows/%2e%2e/json` is the URL `…/channels/WABA/json`: no route at all.
    const response = await rawGet(`${K}/%2e%2e/json`);
    expect(response.status).toBe(404);
    expect(fake.requests).toEqual([]);
  });
});
