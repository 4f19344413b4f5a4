// @vitest-environment node
/** The production server (`createServerApp`): security headers, no CORS, JSON 404s under /api, quiet logs. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { loadConfig } from './config';
import { createServerApp } from './main';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { KEY_8X8, KEY_KALEYRA, keyedEnv, LIST_8X8, LIST_KALEYRA, problemOf, SEED_FLOW_8X8 } from './testing/fixtures';

let log: MockInstance<typeof console.log>;
beforeAll(() => {
  // serveStatic warns when dist/ is not built; the request log goes to console.log.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  log.mockClear();
});

const ORIGIN = { Origin: 'https://attacker.example' };

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

function expectNoCors(response: Response) {
  for (const name of ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers']) {
    expect(response.headers.get(name), name).toBeNull();
  }
}

describe('production server (simulated)', () => {
  const app = createServerApp(loadConfig({}));

  it.each([
    ['/api/accounts', 200],
    [LIST_8X8, 200],
    [`${LIST_8X8}/${SEED_FLOW_8X8}`, 200],
    [`${LIST_8X8}/${SEED_FLOW_8X8}/json`, 200],
    [`${LIST_8X8}/not..valid`, 400],
    ['/api/nope', 404],
  ])('GET %s has the security headers and no CORS headers', async (path, status) => {
    const response = await app.request(path, { headers: ORIGIN });
    expect(response.status).toBe(status);
    expectSecurityHeaders(response);
    expectNoCors(response);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a CORS preflight without allowing the origin', async () => {
    const response = await app.request('/api/accounts', {
      method: 'OPTIONS',
      headers: { ...ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type' },
    });
    expectNoCors(response);
    expect(response.status).toBe(404);
  });

  it('puts the security headers on app pages too', async () => {
    const response = await app.request('/flows/8x8/whatever');
    expectSecurityHeaders(response);
  });

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/'],
    ['GET', '/api/flows'],
    ['GET', '/api/flows/8x8'],
    ['GET', '/api/flows/8x8/a/b/c/json/more'],
    ['POST', '/api/accounts'],
    ['DELETE', LIST_8X8],
    ['PUT', `${LIST_8X8}/${SEED_FLOW_8X8}`],
  ])('%s %s is a JSON 404 problem, not the app page', async (method, path) => {
    // With Flow Desk's request header, so that a state-changing method is not refused as cross-site first.
    const response = await app.request(path, { method, headers: method === 'GET' ? {} : { 'X-Flow-Desk-Request': '1' } });
    expect(response.status).toBe(404);
    const problem = await problemOf(response);
    expect(problem.kind).toBe('not_found');
    expect(problem.message).toBe(`No API route ${method} ${path}.`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('logs method, path and status only: never the query string', async () => {
    await app.request(`${LIST_KALEYRA}?after=${btoa('offset:3')}&token=SECRET-QUERY`, { headers: { Cookie: 'session=SECRET-COOKIE' } });
    const lines = log.mock.calls.map((args) => args.join(' '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^GET ${LIST_KALEYRA} 200 \\d+ms$`));
  });
});

describe('production server over HTTP with keys', () => {
  let fake: FakeUpstream;
  let server: ServerType;
  let base = '';

  beforeAll(async () => {
    fake = await startFakeUpstream();
    const app = createServerApp(loadConfig(keyedEnv(fake)));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('serves the API through the fake upstream with headers, without CORS and without keys in logs', async () => {
    for (const path of ['/api/accounts', LIST_8X8, LIST_KALEYRA, `${LIST_8X8}/${SEED_FLOW_8X8}/json`, '/api/nope']) {
      const response = await fetch(`${base}${path}`, { headers: ORIGIN });
      expectSecurityHeaders(response);
      expectNoCors(response);
      const text = await response.text();
      expect(text).not.toContain(KEY_8X8);
      expect(text).not.toContain(KEY_KALEYRA);
    }
    expect(fake.requests.filter((r) => r.target?.account === '8x8' && !r.target.cdn).every((r) => r.headers.authorization === `Bearer ${KEY_8X8}`)).toBe(true);
    expect(fake.requests.filter((r) => r.target?.account === 'kaleyra' && !r.target.cdn).every((r) => r.headers['api-key'] === KEY_KALEYRA)).toBe(true);
    const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
    expect(logged).not.toContain(KEY_8X8);
    expect(logged).not.toContain(KEY_KALEYRA);
  });
});
