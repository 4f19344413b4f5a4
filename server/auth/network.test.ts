// @vitest-environment node
/** Local and anonymous modes, the Host check, the reverse proxy, and where the server listens. */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_HEADER } from '../../src/model/request-header';
import { loadConfig } from '../config';
import { createServerApp } from '../main';
import { LIST_8X8, SEED_FLOW_8X8 } from '../testing/fixtures';
import { createAuth } from '.';
import { listenAll } from './listen';

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

const serverFor = (env: Record<string, string>) => {
  const config = loadConfig({});
  const auth = createAuth(config, env);
  return { app: createServerApp(config, { auth }), auth };
};
const at = (host: string, extra: Record<string, string> = {}) => ({ headers: { host, ...extra } });

describe('local mode (no sign-in)', () => {
  const { app } = serverFor({});

  it.each(['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'localhost', '127.0.0.2:9000', 'app.localhost:5173'])('answers for the loopback name %s', async (host) => {
    expect((await app.request('http://x/api/session', at(host))).status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:8080', '192.168.1.20:8080', 'localhost.evil.example', '127.0.0.1.nip.io:8080'])('refuses Host %s with 421, before any route (DNS rebinding)', async (host) => {
    for (const path of ['/api/accounts', '/api/session', '/', '/auth/login', LIST_8X8]) {
      const response = await app.request(`http://x${path}`, at(host));
      expect(response.status, path).toBe(421);
    }
  });

  it('says it is local, and the person at this computer sees every account and the audit trail', async () => {
    expect(await (await app.request('/api/session')).json()).toEqual({ mode: 'local', user: null, admin: true, access: 'all', askWhom: [] });
    expect(((await (await app.request('/api/accounts')).json()) as { id: string }[]).map((a) => a.id).sort()).toEqual(loadConfig({}).accounts.map((a) => a.id).sort());
    await app.request(`${LIST_8X8}/${SEED_FLOW_8X8}`);
    const audit = (await (await app.request('/api/audit')).json()) as { entries: { action: string; user: string }[] };
    expect(audit.entries[0]).toMatchObject({ action: 'flow_opened', user: 'local' });
  });

  it('still refuses a cross-site state change', async () => {
    const path = `${LIST_8X8}/${SEED_FLOW_8X8}/ticket-copy`;
    expect((await app.request(path, { method: 'POST', headers: { origin: 'https://evil.example', ...REQUEST_HEADER } })).status).toBe(403);
    expect((await app.request(path, { method: 'POST' })).status).toBe(403);
    expect((await app.request(path, { method: 'POST', headers: { origin: 'http://localhost', ...REQUEST_HEADER, 'sec-fetch-site': 'same-origin' } })).status).toBe(204);
  });

  it('listens on 127.0.0.1 and ::1 only, not on the other interfaces', async () => {
    const listening = await listenAll(app.fetch, 0, createAuth(loadConfig({}), {}).settings.listen);
    try {
      const addresses = listening.addresses.map((a) => a.address);
      expect(addresses).toContain('127.0.0.1');
      // ::1 unless this machine has no IPv6 (then it is reported as skipped).
      expect([...addresses, ...listening.skipped.map((s) => s.split(' ')[0])].sort()).toEqual(['127.0.0.1', '::1']);
      const port = listening.addresses[0]!.port;
      expect(new Set(listening.addresses.map((a) => a.port))).toEqual(new Set([port]));
      const outside = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && !i.internal && i.family === 'IPv4')
        .map((i) => i!.address);
      for (const address of outside) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = connect({ host: address, port }, () => {
            socket.destroy();
            resolve('connected');
          });
          socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        expect(outcome, address).toBe('ECONNREFUSED');
      }
      const inside = await fetch(`http://127.0.0.1:${port}/api/session`);
      expect(inside.status).toBe(200);
    } finally {
      await listening.close();
    }
  });
});

describe('anonymous mode (FLOWDESK_ALLOW_ANONYMOUS=true)', () => {
  const { app, auth } = serverFor({ FLOWDESK_ALLOW_ANONYMOUS: 'true', FLOWDESK_PUBLIC_URL: 'https://flowdesk.internal.example' });

  it('listens beyond loopback, answers only for the public host, and says it is anonymous', async () => {
    expect(auth.settings.listen).toEqual(['::']);
    expect((await app.request('https://x/api/session', at('localhost:8080'))).status).toBe(421);
    const session = await app.request('https://x/api/session', at('flowdesk.internal.example'));
    expect(await session.json()).toEqual({ mode: 'anonymous', user: null, admin: false, access: 'all', askWhom: [] });
    expect((await app.request('https://x/api/session', at('FlowDesk.Internal.Example:443'))).status).toBe(200);
  });

  it('keeps the audit trail from everyone (403)', async () => {
    expect((await app.request('https://x/api/audit', at('flowdesk.internal.example'))).status).toBe(403);
  });
});

describe('behind a reverse proxy', () => {
  const env = { FLOWDESK_ALLOW_ANONYMOUS: 'true', FLOWDESK_PUBLIC_URL: 'https://flowdesk.example.com' };

  it('trusts X-Forwarded-Host and X-Forwarded-For only with FLOWDESK_TRUST_PROXY=true', async () => {
    const forwarded = { 'x-forwarded-host': 'flowdesk.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9, 10.0.0.7' };
    const untrusted = serverFor(env).app;
    expect((await untrusted.request('http://x/api/session', at('10.0.0.2:8080', forwarded))).status).toBe(421);
    const { app, auth } = serverFor({ ...env, FLOWDESK_TRUST_PROXY: 'true' });
    expect((await app.request('http://x/api/session', at('10.0.0.2:8080', forwarded))).status).toBe(200);
    // The refused host through the proxy is still refused.
    expect((await app.request('http://x/api/session', at('10.0.0.2:8080', { ...forwarded, 'x-forwarded-host': 'evil.example' }))).status).toBe(421);
    await app.request(`http://x${LIST_8X8}/${SEED_FLOW_8X8}`, at('10.0.0.2:8080', forwarded));
    const { entries } = await auth.audit.query({ flow: SEED_FLOW_8X8 }, { limit: 1, offset: 0 });
    // The address the nearest proxy saw (the last entry): the first ones are the client's to write.
    expect(entries[0]?.address).toBe('10.0.0.7');
  });
});
