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
import { ACCOUNT_8X8, apiApp, CHANNEL_8X8, keyedEnv, LIST_8X8, LIST_KALEYRA, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, SID_KALEYRA, WABA_KALEYRA } from './testing/fixtures';

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
const hex32 = ACCOUNT_8X8.replaceAll('-', '');

// [name, request target, expected status]; 404s come from the router (no route matches).
const cases: [string, string, 400 | 404][] = [
  ['encoded ../ in a flow id', `${E}/..%2F..%2Fadmin`, 400],
  ['encoded slash in a channel id', `/api/flows/8x8/${ACCOUNT_8X8}/ec36a867%2F..%2Fother`, 400],
  ['encoded slash in a SID', `/api/flows/kaleyra/HXAP%2F16/${WABA_KALEYRA}`, 400],
  ['encoded ../../ as one flow id on the JSON route', `${K}/%2e%2e%2f%2e%2e%2fadmin/json`, 400],
  ['%2e%2e in the middle of a flow id', `${K}/a%2e%2eb`, 400],
  ['..%5C..%5C (encoded backslashes)', `${K}/..%5C..%5Cetc`, 400],
  ['encoded ?fields= in a flow id', `${K}/${SEED_FLOW_KALEYRA}%3Ffields%3Daccess_token`, 400],
  ['encoded ?fields= in a WABA id', `/api/flows/kaleyra/${SID_KALEYRA}/${WABA_KALEYRA}%3Ffields%3Did`, 400],
  ['encoded # in a flow id', `${E}/${SEED_FLOW_8X8}%23frag`, 400],
  ['encoded & in a channel id', `/api/flows/8x8/${ACCOUNT_8X8}/${CHANNEL_8X8}%26limit%3D1`, 400],
  ['encoded space in a flow id', `${K}/1789%20XXXX`, 400],
  ['encoded tab in a SID', `/api/flows/kaleyra/HXAP16%09XX/${WABA_KALEYRA}`, 400],
  ['encoded NUL in a flow id', `${E}/${SEED_FLOW_8X8}%00`, 400],
  ['encoded CRLF header injection in a flow id', `${E}/${SEED_FLOW_8X8}%0D%0AX-Injected:%201`, 400],
  ['flow id of 65 characters', `${K}/${'1'.repeat(65)}`, 400],
  ['flow id of 4000 characters', `${E}/${'9'.repeat(4000)}`, 400],
  ['WABA id of 200 characters', `/api/flows/kaleyra/${SID_KALEYRA}/${'2'.repeat(200)}`, 400],
  ['unicode letters in a flow id', `${K}/%C3%A9t%C3%A9`, 400],
  ['Cyrillic homoglyph in a SID', `/api/flows/kaleyra/HXAP16XXXXXX97I%D0%9D/${WABA_KALEYRA}`, 400],
  ['right-to-left override in a channel id', `/api/flows/8x8/${ACCOUNT_8X8}/%E2%80%AEec36a867`, 400],
  ['full-width digits in a flow id', `${E}/%EF%BC%91%EF%BC%92%EF%BC%93`, 400],
  ['8x8 account id of 31 hex characters', `/api/flows/8x8/${hex32.slice(1)}/${CHANNEL_8X8}`, 400],
  ['8x8 account id of 37 characters', `/api/flows/8x8/${ACCOUNT_8X8}0/${CHANNEL_8X8}`, 400],
  ['8x8 account id with a non-hex letter', `/api/flows/8x8/${'g'}${ACCOUNT_8X8.slice(1)}/${CHANNEL_8X8}`, 400],
  ['8x8 account id with braces', `/api/flows/8x8/%7B${hex32}%7D/${CHANNEL_8X8}`, 400],
  ['8x8 account id with dashes in the wrong places', `/api/flows/8x8/5f3e-2a1b9c8d-4e7f-a6b5-c4d3e2f1a0b9/${CHANNEL_8X8}`, 400],
  ['8x8 account id of 36 characters without dashes', `/api/flows/8x8/${hex32}abcd/${CHANNEL_8X8}`, 400],
  ['8x8 account id that is a path', `/api/flows/8x8/..%2F..%2F..%2Fv2%2F${SID_KALEYRA}/${CHANNEL_8X8}`, 400],
  ['Kaleyra SID with a dash', `/api/flows/kaleyra/HXAP-16XXXXXX97IN/${WABA_KALEYRA}`, 400],
  ['Kaleyra SID too short', `/api/flows/kaleyra/HXA/${WABA_KALEYRA}`, 400],
  ['channel id with a dot', `/api/flows/8x8/${ACCOUNT_8X8}/ec36a867.3dd4`, 400],
  ['page cursor with query syntax', `${K}?after=abc%26fields%3Daccess_token`, 400],
  ['page cursor over 512 characters', `${K}?after=${'A'.repeat(513)}`, 400],
  ['page cursor with a dot-dot path', `${K}?after=..%2F..%2Fx`, 400],
  ['unknown provider', `/api/flows/graph/${SID_KALEYRA}/${WABA_KALEYRA}`, 404],
  ['provider name with an encoded slash', `/api/flows/8x8%2F..%2Fkaleyra/${SID_KALEYRA}/${WABA_KALEYRA}`, 404],
  ['too many path segments', `${E}/${SEED_FLOW_8X8}/json/extra`, 404],
  ['dot segments that climb out of /api', `/api/flows/../../v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`, 404],
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
    if (target.startsWith('/api/flows/../')) return;
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
    // The dashless form of the 8x8 account id is valid too, so it is forwarded as given.
    expect((await rawGet(`/api/flows/8x8/${hex32}/${CHANNEL_8X8}`)).status).toBe(200);
    expect(fake.requests).toHaveLength(6);
    expect(fake.requests[5]!.path).toContain(`/accounts/${hex32}/`);
  });

  it('resolves dot segments before routing, so they cannot leave the route structure', async () => {
    // `WABA/%2e%2e/json` is the URL `.../SID/json`: a list call for the (well-formed) WABA id "json".
    const response = await rawGet(`${K}/%2e%2e/json`);
    expect(response.status).toBe(404);
    expect(fake.requests.map((r) => new URL(r.path, fake.url).pathname)).toEqual([`/v2/${SID_KALEYRA}/whatsapp/json/flows`]);
  });
});
