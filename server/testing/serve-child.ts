/**
 * The fake upstream or the production server as a process of its own (the load test forks
 * both; an e2e setup can run the fake as a web server):
 *
 *   node --import tsx server/testing/serve-child.ts fake    # the fake upstream
 *   node --import tsx server/testing/serve-child.ts proxy   # createServerApp
 *
 * Both listen on 127.0.0.1 and report `{ ready: true, port }` over the IPC channel when forked
 * (on stdout otherwise). Forked, they answer the message `'gc'` with `{ gc: true, heapUsed }`
 * after a collection (run them with --expose-gc for it to collect) and exit when the parent
 * goes away; either way they exit on SIGTERM.
 *
 * Configuration comes from the environment: the proxy reads the usual variables (loadConfig,
 * port chosen freely); the fake reads FAKE_PORT (default: a free port), FAKE_FLOWS_PER_CHANNEL,
 * FAKE_FAULTS (SIMULATOR_FAULTS syntax), FAKE_CACHE_MS and FAKE_8X8_KEY / FAKE_KALEYRA_KEY (the
 * exact keys to expect), and answers `GET /__stats` with its
 * request counts since the last such call (per target, and how many lacked the auth header).
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../config';
import { createServerApp } from '../main';
import { startFakeUpstream } from './fake-upstream';

export interface ChildReady {
  ready: true;
  port: number;
}

const role = process.argv[2];

function report(port: number): void {
  const message: ChildReady = { ready: true, port };
  if (process.send) process.send(message);
  else console.log(JSON.stringify(message));
}

// Never outlive the parent (a load test that crashed must not leave servers behind).
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
// `gc` (when started with --expose-gc): collect garbage, then say so, so the parent can read RSS.
process.on('message', (message) => {
  if (message !== 'gc') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ gc: true, heapUsed: process.memoryUsage().heapUsed });
});

if (role === 'fake') {
  // Counted, not kept: a long run would otherwise hold every request's headers.
  let byTarget: Record<string, number> = {};
  let badAuth = 0;
  const fake = await startFakeUpstream({
    port: Number(process.env.FAKE_PORT ?? 0),
    flowsPerChannel: Number(process.env.FAKE_FLOWS_PER_CHANNEL ?? 30),
    faults: process.env.FAKE_FAULTS || undefined,
    cacheMs: Number(process.env.FAKE_CACHE_MS ?? 0),
    record: false,
    onRequest: (r) => {
      if (r.path === '/__stats') return;
      byTarget[String(r.target)] = (byTarget[String(r.target)] ?? 0) + 1;
      // With FAKE_8X8_KEY / FAKE_KALEYRA_KEY set, the header must carry exactly that key.
      const bearer = process.env.FAKE_8X8_KEY ? `Bearer ${process.env.FAKE_8X8_KEY}` : null;
      const apiKey = process.env.FAKE_KALEYRA_KEY ?? null;
      const auth8x8 = r.headers.authorization ?? '';
      const authKaleyra = r.headers['api-key'];
      if (r.target === '8x8' && (bearer ? auth8x8 !== bearer : !/^Bearer \S+$/.test(auth8x8))) badAuth++;
      if (r.target === 'kaleyra' && (apiKey ? authKaleyra !== apiKey : !authKaleyra)) badAuth++;
    },
  });
  fake.setIntercept((req, res) => {
    if (req.url !== '/__stats') return false;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ byTarget, badAuth }));
    byTarget = {};
    badAuth = 0;
    return true;
  });
  report(fake.port);
} else if (role === 'proxy') {
  const app = createServerApp(loadConfig(process.env));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => report(info.port));
  server.on('error', (error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  console.error('usage: serve-child.ts fake|proxy');
  process.exit(2);
}
