// @vitest-environment node
/** The production server (`createServerApp`): security headers, no CORS, JSON 404s under /api, quiet logs. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_HEADER } from '../src/model/request-header';
import { loadConfig } from './config';
import { createLogger } from './log';
import { createServerApp } from './main';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { KEY_8X8, KEY_KALEYRA, keyedEnv, LIST_8X8, LIST_KALEYRA, problemOf, SEED_FLOW_8X8 } from './testing/fixtures';

/** The log lines written, each a JSON object. */
const lines: string[] = [];
const logger = createLogger({ write: (line: string) => void lines.push(line) });
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
beforeAll(() => {
  // serveStatic warns when dist/ is not built.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  lines.length = 0;
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
  const app = createServerApp(loadConfig({}), { logger });

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
    const response = await app.request(path, { method, headers: method === 'GET' ? {} : REQUEST_HEADER });
    expect(response.status).toBe(404);
    const problem = await problemOf(response);
    expect(problem.kind).toBe('not_found');
    expect(problem.message).toBe(`No API route ${method} ${path}.`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('logs one JSON line with method, path, status and request id: never the query string, cookies or headers', async () => {
    const response = await app.request(`${LIST_KALEYRA}?after=${btoa('offset:3')}&token=SECRET-QUERY`, { headers: { Cookie: 'session=SECRET-COOKIE' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/SECRET/);
    const [line] = logged();
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: LIST_KALEYRA, status: 200, requestId: response.headers.get('x-request-id') });
    expect(line!.ms).toEqual(expect.any(Number));
  });

  it('an error answer carries the request id of its log line', async () => {
    const response = await app.request('/api/nope');
    const problem = await problemOf(response);
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged()[0]).toMatchObject({ requestId: problem.requestId, status: 404, path: '/api/nope' });
  });

  it('regression: %0D%0A and %00 in a URL cannot forge log lines or write NUL (the raw path is logged, escaped)', async () => {
    const forged = '/api/flows/x%0D%0A%7B%22level%22%3A%22info%22%2C%22msg%22%3A%22forged%22%7D%00/y';
    await app.request(forged);
    expect(lines).toHaveLength(1);
    // eslint-disable-next-line no-control-regex
    expect(lines[0]!.trimEnd()).not.toMatch(/[\r\n\u0000]/);
    expect(logged()[0]).toMatchObject({ path: forged });
  });

  it('escapes control characters in every logged value, the message too', () => {
    logger.info({ note: 'a\r\nb\u0000c\u2028', nested: { ['k\n']: ['\u001b[31m'] } }, 'msg\nline');
    expect(lines).toHaveLength(1);
    // eslint-disable-next-line no-control-regex
    expect(lines[0]!.trimEnd()).not.toMatch(/[\r\n\u0000\u2028]|\\u001b|\\r|\\n/);
    expect(logged()[0]).toMatchObject({ note: 'a\\x0d\\x0ab\\x00c\\u2028', nested: { 'k\\x0a': ['\\x1b[31m'] }, msg: 'msg\\x0aline' });
  });

  it('a missing /assets/*.js is a 404, not the app page', async () => {
    const response = await app.request('/assets/index-doesnotexist.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type') ?? '').not.toContain('html');
  });

  it('sends HSTS only over https', async () => {
    expect((await app.request('http://localhost/')).headers.get('strict-transport-security')).toBeNull();
    expect((await app.request('https://localhost/')).headers.get('strict-transport-security')).toContain('max-age=');
    expect((await app.request('http://localhost/', { headers: { 'X-Forwarded-Proto': 'https' } })).headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('production server over HTTP with keys', () => {
  let fake: FakeUpstream;
  let server: ServerType;
  let base = '';

  beforeAll(async () => {
    fake = await startFakeUpstream();
    const app = createServerApp(loadConfig(keyedEnv(fake)), { logger });
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
    const text = lines.join('');
    expect(text).not.toContain(KEY_8X8);
    expect(text).not.toContain(KEY_KALEYRA);
  });
});
