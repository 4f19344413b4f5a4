// @vitest-environment node
/**
 * Regression tests for issue 15: provider bodies are capped while they stream (no Content-Length
 * trusted), redirects are reported as redirects, and credentials are redacted in any encoding
 * from successful and failed answers alike.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../src/lib/clock';
import { FlowPageSchema } from '../src/model/flow';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { clockedApiApp, KEY_8X8, KEY_KALEYRA, keyedEnv, LIST_8X8, LIST_KALEYRA, problemOf, SEED_FLOW_8X8 } from './testing/fixtures';

const fakes: FakeUpstream[] = [];
afterAll(() => Promise.all(fakes.map((f) => f.close())));

async function setup() {
  const fake = await startFakeUpstream();
  fakes.push(fake);
  return { fake, app: clockedApiApp(keyedEnv(fake), new ManualClock(0, { autoAdvanceUpTo: 5000 })) };
}

describe.concurrent('provider bodies are capped while streaming (20 MB)', () => {
  it('a 30 MB chunked list answer without Content-Length: 502 bad_response, and the upstream is cut off', async () => {
    const { fake, app } = await setup();
    let written = 0;
    let closedEarly = false;
    fake.setIntercept((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"data":[');
      const pump = () => {
        while (written < 30) {
          written++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      res.on('close', () => (closedEarly = !res.writableFinished));
      pump();
      return true;
    });
    const response = await app.request(LIST_KALEYRA);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'bad_response', provider: 'kaleyra', upstreamStatus: 200 });
    expect(problem.message).toContain('larger than 20 MB');
    await vi.waitFor(() => expect(closedEarly).toBe(true));
    expect(written).toBeLessThan(30);
  });

  it('a Content-Length that lies low changes nothing', async () => {
    const { fake, app } = await setup();
    fake.setIntercept((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-note': 'no length' });
      res.end(`{"data":[],"pad":"${'x'.repeat(21 * 1024 * 1024)}"}`);
      return true;
    });
    const response = await app.request(LIST_KALEYRA);
    expect(response.status).toBe(502);
    expect((await problemOf(response)).message).toContain('larger than 20 MB');
  });
});

describe.concurrent('redirects from a provider API', () => {
  it('a 302 is reported as a redirect, once, not as "could not reach" retried 3 times', async () => {
    const { fake, app } = await setup();
    fake.setIntercept((_req, res) => {
      res.writeHead(302, { location: 'https://login.example.com/sso?next=/' }).end();
      return true;
    });
    const response = await app.request(LIST_8X8);
    expect(response.status).toBe(502);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ kind: 'bad_response', provider: '8x8', upstreamStatus: 302 });
    expect(problem.message).toMatch(/answered with a redirect \(HTTP 302\) to https:\/\/login\.example\.com/);
    expect(fake.requests.filter((r) => r.target?.account === '8x8' && !r.target.cdn)).toHaveLength(1);
  });
});

describe.concurrent('credentials are redacted from provider text', () => {
  const encodings = (key: string) => [key, key.toUpperCase(), encodeURIComponent(key), Buffer.from(key).toString('base64'), Buffer.from(`user:${key}`).toString('base64')];

  it('in an error body, in every encoding and case', async () => {
    const { fake, app } = await setup();
    fake.setIntercept((_req, res) => {
      const message = `bad key ${encodings(KEY_8X8).join(' | ')}`;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 1200, message, errorId: KEY_8X8.toLowerCase() }));
      return true;
    });
    const response = await app.request(LIST_8X8);
    const text = await response.text();
    for (const leaked of encodings(KEY_8X8)) expect(text).not.toContain(leaked);
    expect(text).toContain('[redacted]');
  });

  it('in a successful body too', async () => {
    const { fake, app } = await setup();
    fake.setIntercept((_req, res) => {
      const flows = encodings(KEY_KALEYRA).map((name, i) => ({ id: String(1000 + i), name, status: 'DRAFT', categories: [], validation_errors: [] }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: flows }));
      return true;
    });
    const response = await app.request(LIST_KALEYRA);
    expect(response.status).toBe(200);
    const page = FlowPageSchema.parse(await response.json());
    expect(page.flows.length).toBe(5);
    for (const flow of page.flows) expect(flow.name).toContain('[redacted]');
    const text = JSON.stringify(page);
    for (const leaked of encodings(KEY_KALEYRA)) expect(text).not.toContain(leaked);
  });
});

describe.concurrent('credentials are redacted from flow JSON', () => {
  it('downloaded from the CDN, in every encoding', async () => {
    const { fake, app } = await setup();
    const key = KEY_8X8;
    const leaks = [key, encodeURIComponent(key), Buffer.from(`user:${key}`).toString('base64')];
    fake.setIntercept((req, res) => {
      if (!req.url?.includes('/cdn/')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version: '7.0', screens: [{ id: 'A', title: leaks.join(' ') }] }));
      return true;
    });
    const response = await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const leaked of leaks) expect(text).not.toContain(leaked);
    const title = (JSON.parse(text) as { screens: { title: string }[] }).screens[0]!.title;
    expect(title.match(/\[redacted\]/g)).toHaveLength(3);
    expect(response.headers.get('X-Flow-Json-Bytes')).toBe(String(Buffer.byteLength(text)));
  });
});
