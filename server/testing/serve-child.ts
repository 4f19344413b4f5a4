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
 * port chosen freely); the fake serves the accounts the same variables configure (and insists on
 * their credentials), and reads FAKE_PORT (default: a free port), FAKE_FLOWS_PER_CHANNEL,
 * FAKE_FAULTS (SIMULATOR_FAULTS syntax) and FAKE_CACHE_MS; the proxy reads SERVE_UNPACED. It answers `GET /__stats` with its
 * request counts per account since the last such call, and how many it refused as unsigned.
 */
import { serve } from '@hono/node-server';
import { RequestBudget } from '../../src/lib/request-budget';
import { createProxyContext } from '../app';
import { loadConfig } from '../config';
import { createServerApp } from '../main';
import { startFakeUpstream, type RecordedRequest } from './fake-upstream';

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
  // Counted, not kept beyond one stats window: a long run would otherwise hold every request's headers.
  let byTarget: Record<string, number> = {};
  let window: RecordedRequest[] = [];
  // The accounts (and credentials to insist on) come from the same variables the proxy reads.
  const { accounts } = loadConfig(process.env);
  const fake = await startFakeUpstream({
    port: Number(process.env.FAKE_PORT ?? 0),
    flowsPerChannel: Number(process.env.FAKE_FLOWS_PER_CHANNEL ?? 30),
    faults: process.env.FAKE_FAULTS || undefined,
    cacheMs: Number(process.env.FAKE_CACHE_MS ?? 0),
    accounts,
    record: false,
    onRequest: (r) => {
      if (r.path === '/__stats') return;
      const key = r.target ? `${r.target.account}${r.target.cdn ? ' cdn' : ''}` : 'none';
      byTarget[key] = (byTarget[key] ?? 0) + 1;
      window.push(r);
    },
  });
  fake.setIntercept((req, res) => {
    if (req.url !== '/__stats') return false;
    // Requests answered 401: signed with other credentials than the account's own.
    const badAuth = window.filter((r) => r.status === 401).length;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ byTarget, badAuth }));
    byTarget = {};
    window = [];
    return true;
  });
  report(fake.port);
} else if (role === 'proxy') {
  const config = loadConfig(process.env);
  const context = createProxyContext(config);
  // SERVE_UNPACED=1 (the load test): measure the proxy, not the providers' request budgets.
  if (process.env.SERVE_UNPACED === '1') {
    for (const { client } of context.accounts.values()) client.budget = new RequestBudget({ limit: 1_000_000_000, windowMs: 60_000, concurrency: 1_000 });
  }
  const app = createServerApp(config, { context });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => report(info.port));
  server.on('error', (error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  console.error('usage: serve-child.ts fake|proxy');
  process.exit(2);
}
