// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFlowJson } from './download';
import { ADDRESS_REFUSED_CODE } from './public-address';
import { createSafeDispatcher } from './safe-dispatcher';

// A local stand-in for the Meta CDN; every request it receives is recorded.
const requests: http.IncomingMessage[] = [];
const server = http.createServer((req, res) => {
  requests.push(req);
  if (req.url === '/flow.json') {
    res.setHeader('content-type', 'application/json');
    return res.end('{"version":"7.1","screens":[]}');
  }
  if (req.url === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  if (req.url === '/to-flow') return res.writeHead(302, { location: '/flow.json' }).end();
  if (req.url === '/huge') {
    // ~11 MB without Content-Length; stops writing once the client goes away.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < 11 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', write);
      }
      res.end();
    };
    return write();
  }
  res.writeHead(404).end();
});

let origin = '';
let extraHosts: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  extraHosts = [`127.0.0.1:${port}`];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
});

describe('downloadFlowJson over the real undici path', () => {
  it('refuses the local server when it is not an extra host, without connecting', async () => {
    const result = await downloadFlowJson(`${origin}/flow.json`, { extraHosts: [] });
    expect(result).toMatchObject({ ok: false, kind: 'json_url_refused', status: 403 });
    expect(requests).toHaveLength(0);
  });

  it('downloads from the local server when it is an extra host over http', async () => {
    const result = await downloadFlowJson(`${origin}/flow.json`, { extraHosts });
    expect(result).toMatchObject({ ok: true, text: '{"version":"7.1","screens":[]}', bytes: 30, finalUrl: `${origin}/flow.json` });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.cookie).toBeUndefined();
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('follows an allowed redirect and refuses one to the metadata address', async () => {
    await expect(downloadFlowJson(`${origin}/to-flow`, { extraHosts })).resolves.toMatchObject({
      ok: true,
      finalUrl: `${origin}/flow.json`,
    });
    await expect(downloadFlowJson(`${origin}/to-metadata`, { extraHosts })).resolves.toMatchObject({
      ok: false,
      kind: 'json_url_refused',
      status: 403,
      upstreamStatus: 302,
    });
  });

  it('stops reading a streamed body past the cap', async () => {
    const result = await downloadFlowJson(`${origin}/huge`, { extraHosts });
    expect(result).toMatchObject({ ok: false, kind: 'json_too_large', status: 413 });
  });

  it('maps a 404 from the CDN to 410 expired', async () => {
    const result = await downloadFlowJson(`${origin}/gone`, { extraHosts });
    expect(result).toMatchObject({ ok: false, kind: 'json_url_expired', status: 410, upstreamStatus: 404 });
  });

  it('maps a refused connection to 502 unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await downloadFlowJson(`http://127.0.0.1:${port}/flow.json`, { extraHosts: [`127.0.0.1:${port}`] });
    expect(result).toMatchObject({ ok: false, kind: 'unreachable', status: 502, upstreamStatus: null });
  });
});

describe('safe dispatcher at connect time', () => {
  it('refuses a name whose DNS answer points inside, without connecting', async () => {
    const dispatcher = createSafeDispatcher({
      extraHosts: [],
      resolve: (_hostname, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    const { port } = server.address() as AddressInfo;
    const error = await undiciFetch(`http://rebind.test:${port}/flow.json`, { dispatcher }).catch((e: unknown) => e);
    expect(error).toMatchObject({ cause: { code: ADDRESS_REFUSED_CODE, address: '127.0.0.1' } });
    expect(requests).toHaveLength(0);
    await dispatcher.close();
  });

  it('refuses an internal IP literal unless it is an extra host', async () => {
    const refusing = createSafeDispatcher({ extraHosts: [] });
    const error = await undiciFetch(`${origin}/flow.json`, { dispatcher: refusing }).catch((e: unknown) => e);
    expect(error).toMatchObject({ cause: { code: ADDRESS_REFUSED_CODE } });
    expect(requests).toHaveLength(0);

    const trusting = createSafeDispatcher({ extraHosts });
    const response = await undiciFetch(`${origin}/flow.json`, { dispatcher: trusting });
    expect(await response.text()).toContain('"screens"');
    await Promise.all([refusing.close(), trusting.close()]);
  });
});
