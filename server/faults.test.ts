// @vitest-environment node
/**
 * How the proxy answers when a provider or the CDN misbehaves: each failure becomes a Problem
 * that names the provider and quotes its error, retries are bounded, and one provider being
 * down does not take the other with it. Attempts are counted at a real HTTP fake upstream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock';
import { FlowPageSchema } from '../src/model/flow';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from './testing/fake-upstream';
import { apiApp, clockedApiApp, keyedEnv, LIST_8X8, LIST_KALEYRA, problemOf, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, SHOWCASE, showcase } from './testing/fixtures';

type Provider = '8x8' | 'kaleyra';
const PROVIDERS: Provider[] = ['8x8', 'kaleyra'];
const LABEL: Record<Provider, string> = { '8x8': '8x8 Chat Apps', kaleyra: 'Kaleyra' };
const LIST: Record<Provider, string> = { '8x8': LIST_8X8, kaleyra: LIST_KALEYRA };
const SEED: Record<Provider, string> = { '8x8': SEED_FLOW_8X8, kaleyra: SEED_FLOW_KALEYRA };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Every test has its own fake upstream and app (own request budget, own attempt counts), so
// the tests can run concurrently: most of their time is retry back-off and deadlines.
const fakes: FakeUpstream[] = [];
afterAll(() => Promise.all(fakes.map((f) => f.close())));

async function setup() {
  const fake = await startFakeUpstream();
  fakes.push(fake);
  // Retry back-off and Retry-After waits (all under 5 s) pass at once on this clock; the
  // deadlines (10 s upstream, 15 s budget) do not.
  const clock = new ManualClock(0, { autoAdvanceUpTo: 5000 });
  return {
    fake,
    clock,
    // A test that sets a short deadline keeps real time (the deadline is what it checks).
    keyedApp: (extra: Record<string, string> = {}) =>
      'UPSTREAM_TIMEOUT_MS' in extra || 'FLOW_JSON_TIMEOUT_MS' in extra ? apiApp(keyedEnv(fake, extra)) : clockedApiApp(keyedEnv(fake, extra), clock),
    providerCalls: (provider: Provider): RecordedRequest[] => fake.requests.filter((r) => r.target?.account === provider && !r.target.cdn),
  };
}

const sentBody = (request: RecordedRequest | undefined) => JSON.parse(request?.body ?? 'null') as Record<string, unknown>;

describe.concurrent.each(PROVIDERS)('%s errors', (provider) => {
  const label = LABEL[provider];
  const list = LIST[provider];

  it('401: unauthorized, naming the provider and saying the key is rejected', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=401`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(401);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'unauthorized', provider, upstreamStatus: 401 });
    expect(problem.message).toContain(label);
    expect(problem.message).toMatch(/rejected the API key/);
    if (provider === '8x8') {
      expect(problem).toMatchObject({ code: 1200, providerMessage: 'Request was not authenticated properly' });
      expect(problem.errorId).toBe(sentBody(providerCalls(provider)[0]).errorId);
    } else {
      expect(problem).toMatchObject({ code: 'RBC001', providerMessage: 'Incorrect SID or API key.', errorId: null });
    }
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it("400: invalid_request quoting the provider's error body", async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}.detail=400`);
    const response = await keyedApp().request(`${list}/${SEED[provider]}`);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'invalid_request', provider, upstreamStatus: 400 });
    expect(problem.message).toContain(label);
    if (provider === '8x8') {
      expect(problem).toMatchObject({ code: 1001, providerMessage: "Provided subAccountId doesn't belongs to your account" });
      expect(problem.errorId).toMatch(UUID);
      expect(problem.errorId).toBe(sentBody(providerCalls(provider)[0]).errorId);
    } else {
      expect(problem).toMatchObject({ code: 'WA-400', providerMessage: 'Refer to correct payload format — Incorrect payload format', errorId: null });
    }
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it('404: not_found for a flow the provider does not have', async () => {
    const { keyedApp, providerCalls } = await setup();
    const response = await keyedApp().request(`${list}/4040404040`);
    expect(response.status).toBe(404);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'not_found', provider, upstreamStatus: 404 });
    expect(problem).toMatchObject(provider === '8x8' ? { code: 1300, providerMessage: 'Flow 4040404040 was not found' } : { code: 'WA-404' });
    if (provider === '8x8') expect(problem.errorId).toMatch(UUID);
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it('429 with Retry-After: waited out and retried within the bound, then surfaced with Retry-After', async () => {
    const { fake, clock, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=429`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'rate_limited', provider, upstreamStatus: 429, retryAfterSeconds: 2 });
    expect(problem.message).toContain(label);
    expect(problem.message).toContain('wait 2 s');
    const calls = providerCalls(provider);
    expect(calls).toHaveLength(3);
    // Each retry waited the 2 s asked for (on the injected clock).
    expect(clock.delays.filter((ms) => ms < 5000)).toEqual([2000, 2000]);
    expect(clock.now()).toBe(4000);
  });

  it('429 once with a short Retry-After, then success: the caller sees only the success', async () => {
    const { fake, clock, keyedApp, providerCalls } = await setup();
    let answered = 0;
    fake.setIntercept((_req, res) => {
      if (answered++ > 0) return false;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"code":429,"message":"slow down"}');
      return true;
    });
    const response = await keyedApp().request(list);
    expect(response.status).toBe(200);
    expect(FlowPageSchema.parse(await response.json()).flows.length).toBeGreaterThan(0);
    expect(providerCalls(provider)).toHaveLength(2);
    expect(clock.delays.filter((ms) => ms < 5000)).toEqual([1000]);
  });

  it('429 with a long Retry-After is passed to the browser at once', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setIntercept((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' }).end('{"code":429,"message":"slow down"}');
      return true;
    });
    const response = await keyedApp().request(list);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await problemOf(response)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 120 });
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it('429 without Retry-After: surfaced at once, without a Retry-After header', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=429-no-retry-after`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'rate_limited', provider, upstreamStatus: 429, retryAfterSeconds: null });
    expect(problem.message).toContain(label);
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it.each(['500', '502', '503'])('%s: exactly 3 attempts, then 502 provider_error', async (status) => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=${status}`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'provider_error', provider, upstreamStatus: Number(status) });
    expect(problem.message).toContain(label);
    if (provider === '8x8') {
      expect(problem).toMatchObject({ code: 2000, providerMessage: 'Internal server error' });
      expect(problem.errorId).toBe(sentBody(providerCalls(provider).at(-1)).errorId);
    } else {
      expect(problem).toMatchObject({ code: 'WA-500', providerMessage: 'Please try again later — Internal server error' });
    }
    expect(providerCalls(provider).map((r) => r.status)).toEqual([Number(status), Number(status), Number(status)]);
  });

  it('a 503 followed by success is retried transparently', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    let answered = 0;
    fake.setIntercept((_req, res) => {
      if (answered++ > 0) return false;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
      return true;
    });
    expect((await keyedApp().request(list)).status).toBe(200);
    expect(providerCalls(provider)).toHaveLength(2);
  });

  it('timeout: 504 after UPSTREAM_TIMEOUT_MS, not retried', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=timeout`);
    const started = Date.now();
    const response = await keyedApp({ UPSTREAM_TIMEOUT_MS: '1000' }).request(list);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'timeout', provider });
    expect(problem.message).toContain(`${label} did not answer within 1 s`);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it('connection refused (base URL on a closed port): 502 unreachable', async () => {
    const { keyedApp } = await setup();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = provider === '8x8' ? { EIGHTXEIGHT_BASE_URL: base } : { KALEYRA_BASE_URL: base };
    const response = await keyedApp(env).request(list);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'unreachable', provider, upstreamStatus: null });
    expect(problem.message).toBe(`Could not reach ${label} (ECONNREFUSED). Check the network or the configured base URL.`);
  });

  it('connection dropped without an answer: 3 attempts, then 502 unreachable', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=refused`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(502);
    expect(await problemOf(response)).toMatchObject({ kind: 'unreachable', provider });
    expect(providerCalls(provider)).toHaveLength(3);
  });

  it('a body that is not JSON: 502 bad_response naming the provider', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    fake.setFaults(`${provider}=not-json`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'bad_response', provider, upstreamStatus: 200 });
    expect(problem.message).toContain(`${label} answered with something that is not JSON`);
    expect(providerCalls(provider)).toHaveLength(1);
  });

  it('a truncated JSON body: 502 bad_response', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults(`${provider}=truncated`);
    const response = await keyedApp().request(list);
    expect(response.status).toBe(502);
    expect(await problemOf(response)).toMatchObject({ kind: 'bad_response', provider, upstreamStatus: 200 });
  });

  it('a body cut off on the wire (connection closed mid-body): 502 bad_response, not "could not reach"', async () => {
    const { fake, keyedApp } = await setup();
    fake.setIntercept((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"flows":[{"id":"1","name":"Cut');
      setTimeout(() => res.destroy(), 20);
      return true;
    });
    const response = await keyedApp().request(list);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'bad_response', provider, upstreamStatus: 200 });
    expect(problem.message).toContain(`${label}'s response was cut off`);
  });

  it('the wrong shape: 502 bad_response naming the provider', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults(`${provider}=wrong-shape`);
    for (const path of [list, `${list}/${SEED[provider]}`]) {
      const response = await keyedApp().request(path);
      expect(response.status).toBe(502);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ kind: 'bad_response', provider });
      expect(problem.message).toContain(`${label} answered in an unexpected shape`);
    }
  });
});

describe.concurrent.each(PROVIDERS)('%s flow JSON download faults', (provider) => {
  const list = LIST[provider];

  it('expired (CDN 403) and the fresh link works: 200 after one more link call', async () => {
    const { fake, keyedApp, providerCalls } = await setup();
    let cdnAnswers = 0;
    fake.setIntercept((_req, res, recorded) => {
      if (!recorded.target?.cdn || cdnAnswers++ > 0) return false;
      res.writeHead(403, { 'content-type': 'text/plain' }).end('URL signature expired');
      return true;
    });
    const response = await keyedApp().request(`${list}/${SEED[provider]}/json`);
    expect(response.status).toBe(200);
    expect(providerCalls(provider)).toHaveLength(2);
    expect(fake.requests.filter((r) => r.target?.cdn)).toHaveLength(2);
  });

  it('expired twice: 410 json_url_expired', async () => {
    const { keyedApp, providerCalls } = await setup();
    const response = await keyedApp().request(`${list}/${showcase(provider, SHOWCASE.expired)}/json`);
    expect(response.status).toBe(410);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'json_url_expired', provider, upstreamStatus: 403 });
    expect(problem.message).toContain(LABEL[provider]);
    expect(providerCalls(provider)).toHaveLength(2);
  });

  it('not JSON (an HTML error page with 200): returned raw with 200', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults(`${provider}.json=not-json`);
    const response = await keyedApp().request(`${list}/${SEED[provider]}/json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
  });

  it('over 10 MB, streamed without a length: 413 json_too_large', async () => {
    const { keyedApp } = await setup();
    const response = await keyedApp().request(`${list}/${showcase(provider, SHOWCASE.oversized)}/json`);
    expect(response.status).toBe(413);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'json_too_large', provider, upstreamStatus: 200 });
    expect(problem.message).toContain('10 MB');
  });

  it('very slow: 504 after FLOW_JSON_TIMEOUT_MS', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults(`${provider}.json=slow`);
    const started = Date.now();
    const response = await keyedApp({ FLOW_JSON_TIMEOUT_MS: '500' }).request(`${list}/${SEED[provider]}/json`);
    expect(response.status).toBe(504);
    expect(await problemOf(response)).toMatchObject({ kind: 'timeout', provider });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('the CDN failing (503): 502 provider_error', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults(`${provider}.json=503`);
    const response = await keyedApp().request(`${list}/${SEED[provider]}/json`);
    expect(response.status).toBe(502);
    expect(await problemOf(response)).toMatchObject({ kind: 'provider_error', provider, upstreamStatus: 503 });
  });
});

describe.concurrent('one provider down', () => {
  it('Kaleyra failing (SIMULATOR_FAULTS=kaleyra=503) does not stop 8x8 listing', async () => {
    const app = apiApp({ SIMULATOR_FAULTS: 'kaleyra=503' });
    const [kaleyra, eight, channels] = await Promise.all([app.request(LIST_KALEYRA), app.request(LIST_8X8), app.request('/api/accounts')]);
    expect(kaleyra.status).toBe(502);
    expect(await problemOf(kaleyra)).toMatchObject({ kind: 'provider_error', provider: 'kaleyra', upstreamStatus: 503 });
    expect(eight.status).toBe(200);
    expect(FlowPageSchema.parse(await eight.json()).flows.length).toBeGreaterThan(0);
    expect(channels.status).toBe(200);
  });

  it('8x8 unreachable while Kaleyra answers (real HTTP)', async () => {
    const { fake, keyedApp } = await setup();
    fake.setFaults('8x8=refused');
    const app = keyedApp();
    const [eight, kaleyra] = await Promise.all([app.request(LIST_8X8), app.request(LIST_KALEYRA)]);
    expect(eight.status).toBe(502);
    expect(kaleyra.status).toBe(200);
  });
});

describe.concurrent('SIMULATOR_FAULTS in simulated mode', () => {
  it.each([
    ['401', 401, 'unauthorized'],
    ['400', 400, 'invalid_request'],
    ['404', 404, 'not_found'],
    ['429-no-retry-after', 429, 'rate_limited'],
    ['not-json', 502, 'bad_response'],
    ['truncated', 502, 'bad_response'],
    ['wrong-shape', 502, 'bad_response'],
    ['refused', 502, 'unreachable'],
    ['timeout', 504, 'timeout'],
  ] as const)('8x8.detail=%s → %i %s (the list still works)', async (fault, status, kind) => {
    const app = apiApp({ SIMULATOR_FAULTS: `8x8.detail=${fault}`, UPSTREAM_TIMEOUT_MS: '300' });
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}`);
    expect(response.status).toBe(status);
    expect(await problemOf(response)).toMatchObject({ kind, provider: '8x8' });
    expect((await app.request(LIST_8X8)).status).toBe(200);
  });

  it('8x8.json=slow with a short FLOW_JSON_TIMEOUT_MS → 504', async () => {
    const app = apiApp({ SIMULATOR_FAULTS: '8x8.json=slow', FLOW_JSON_TIMEOUT_MS: '300' });
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`);
    expect(response.status).toBe(504);
    expect(await problemOf(response)).toMatchObject({ kind: 'timeout', provider: '8x8' });
  });
});
