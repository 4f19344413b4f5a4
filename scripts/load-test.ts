/**
 * A bounded load test of the production server against the fake upstream, all on 127.0.0.1.
 *
 *   tsx scripts/load-test.ts [durationSeconds=30] [connections=200]
 *   tsx scripts/load-test.ts --duration=5 --connections=50
 *
 * Starts the fake upstream and the production server (createServerApp, with keys set so the
 * proxy makes real HTTP calls to the fake) in two child processes, then runs autocannon with
 * `connections` concurrent connections: half the duration on a Kaleyra list route, half on a
 * Kaleyra detail route (random flow per request), through the proxy; then the same two routes
 * directly against the fake upstream with the same load. Under load the proxy coalesces
 * identical concurrent calls, so it can beat the upstream it calls; a short single-connection
 * probe of each route (proxy and direct) then gives the latency the proxy itself adds per call.
 * Reports requests, errors and non-2xx answers (must all be 0), p50/p99 latencies, and the
 * proxy process's RSS (from /proc/<pid>/status) before and after. Exits non-zero on any error.
 * Everything stops by itself; a watchdog kills both children if anything hangs.
 *
 * Kaleyra routes only: 8x8 documents a budget of 100 requests per minute per API key, which
 * the proxy enforces (anything beyond it is a deliberate 429), so an 8x8 load test would
 * measure the pacing, not the proxy.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '../src/mocks/simulator';
import { kaleyra, type KaleyraAccount } from '../src/providers/kaleyra/adapter';
import { loadConfig } from '../server/config';
import type { UpstreamRequest } from '../src/providers/types';
import type { ChildReady } from '../server/testing/serve-child';
import { ID_KALEYRA, KEY_KALEYRA, keyedEnv, LIST_KALEYRA, WABA_KALEYRA } from '../server/testing/fixtures';

// autocannon ships no types; this is the part of its API used here.
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method: 'GET';
  path?: string;
  setupRequest?: (request: { path: string }) => { path: string };
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => EventEmitter;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const FLOWS_PER_CHANNEL = 30;
const CHILD = fileURLToPath(new URL('../server/testing/serve-child.ts', import.meta.url));

function parseArgs(argv: string[]): { duration: number; connections: number } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const arg of argv) {
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (match) named.set(match[1]!, match[2]!);
    else positional.push(arg);
  }
  const duration = Number(named.get('duration') ?? positional[0] ?? 30);
  const connections = Number(named.get('connections') ?? positional[1] ?? 200);
  if (!Number.isInteger(duration) || duration < 2 || duration > 600) throw new Error('duration must be a whole number of seconds, 2 to 600');
  if (!Number.isInteger(connections) || connections < 1 || connections > 2000) throw new Error('connections must be 1 to 2000');
  return { duration, connections };
}

const children: ChildProcess[] = [];

function start(role: 'fake' | 'proxy', env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  // A clean environment: nothing from the caller's (no real keys, no .env) reaches the children.
  const child = fork(CHILD, [role], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    // The proxy logs every API request to stdout; it is discarded (as a log shipper would take it).
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${role} exited early (code ${code})`)));
    child.on('message', (message: ChildReady) => {
      if (!message.ready) return;
      clearTimeout(timer);
      resolve({ child, port: message.port });
    });
  });
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
}

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response.json();
}

interface Phase {
  name: string;
  result: AutocannonResult;
  /** Request errors by code or message (connection resets, timeouts). */
  errorKinds: Map<string, number>;
}

function run(name: string, options: AutocannonOptions): Promise<Phase> {
  process.stdout.write(`  ${name}: `);
  return new Promise((resolve, reject) => {
    const errorKinds = new Map<string, number>();
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const failed = result.errors + result.non2xx;
      const statuses = Object.entries(result.statusCodeStats).filter(([code]) => !code.startsWith('2')).map(([code, { count }]) => `HTTP ${code} ×${count}`);
      const errors = [...errorKinds].map(([kind, count]) => `${kind} ×${count}`);
      console.log(
        `${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
          (failed ? `, ${failed} FAILED (${[...statuses, ...errors].join(', ')})` : ''),
      );
      resolve({ name, result, errorKinds });
    });
    instance.on('reqError', (error: Error & { code?: string }) => errorKinds.set(error.code ?? error.message, (errorKinds.get(error.code ?? error.message) ?? 0) + 1));
  });
}

/** Asks a child to collect garbage (it runs with --expose-gc) and waits for it to say so. */
function collectGarbage(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(NaN), 5000);
    const onMessage = (message: { gc?: boolean; heapUsed?: number }) => {
      if (!message.gc) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve((message.heapUsed ?? NaN) / 1024 / 1024);
    };
    child.on('message', onMessage);
    child.send('gc');
  });
}

// autocannon counts a timeout as an error too.
const failuresOf = (phase: Phase) => phase.result.errors + phase.result.non2xx;

async function main(): Promise<number> {
  const { duration, connections } = parseArgs(process.argv.slice(2));
  const half = Math.max(1, Math.floor(duration / 2));
  const probe = Math.min(3, half);
  // Warm-ups, four loaded phases, four single-connection phases, start-up: past this is a hang.
  const watchdog = setTimeout(() => {
    console.error('load test: watchdog fired, stopping');
    stopAll();
    process.exit(3);
  }, (4 * half + 4 * probe + 8 + 120) * 1000);
  watchdog.unref();

  // The accounts of the keyed environment (the fake serves them and insists on their keys).
  const fakeEnv = keyedEnv({ url: 'http://127.0.0.1:0', port: 0 });
  const account = loadConfig(fakeEnv).accounts.find((a) => a.id === ID_KALEYRA)!;
  const channels = createSimulator(account.provider, account.settings, { flowsPerChannel: FLOWS_PER_CHANNEL }).channels;
  // Flows with a normal flow JSON (not the demo showcase ones).
  const flowIds = channels.find((c) => c.channelId === WABA_KALEYRA)!.flows.filter((f) => f.json === 'ok').map((f) => f.id);

  // The fake reuses its JSON answers for 1 s, so it stays a fast upstream and the baseline is
  // not skewed by its own CPU cost (the proxy still makes every call it would make).
  const fake = await start('fake', { ...fakeEnv, FAKE_FLOWS_PER_CHANNEL: String(FLOWS_PER_CHANNEL), FAKE_CACHE_MS: '1000' });
  const upstream = { url: `http://127.0.0.1:${fake.port}`, port: fake.port };
  // The proxy's own pacing is not what this measures: lift every account's request budget.
  const proxy = await start('proxy', { ...keyedEnv(upstream), SERVE_UNPACED: '1' });
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  console.log(`fake upstream: pid ${fake.child.pid} on ${upstream.url}`);
  console.log(`proxy (createServerApp, EIGHTXEIGHT/KALEYRA_BASE_URL = the fake, keys set): pid ${proxy.child.pid} on ${proxyUrl}`);

  // Sanity: the proxy answers, and it reached the fake over HTTP with the Kaleyra key.
  await getJson(`${proxyUrl}${LIST_KALEYRA}`);
  await getJson(`${proxyUrl}${LIST_KALEYRA}/${flowIds[0]}`);
  const warm = (await getJson(`${upstream.url}/__stats`)) as { byTarget: Record<string, number>; badAuth: number };
  if (!warm.byTarget[ID_KALEYRA] || warm.badAuth) throw new Error(`the proxy did not call the fake upstream with the key: ${JSON.stringify(warm)}`);
  const heapBefore = await collectGarbage(proxy.child);
  const before = memory(proxy.child.pid!);

  // The direct phases ask the fake exactly what the proxy asks it (same paths, same fields).
  const settings = account.settings as KaleyraAccount;
  const upstreamPath = ({ path, query }: UpstreamRequest) => `/${ID_KALEYRA}${path}?${new URLSearchParams(query)}`;
  const randomFlow = () => flowIds[Math.floor(Math.random() * flowIds.length)]!;
  const proxyDetailPath = (request: { path: string }) => ({ ...request, path: `${LIST_KALEYRA}/${randomFlow()}` });
  const directDetailPath = (request: { path: string }) => ({ ...request, path: upstreamPath(kaleyra.getFlow!(settings, WABA_KALEYRA, randomFlow())) });
  const headers = { 'api-key': KEY_KALEYRA };
  const routes = {
    list: {
      proxy: { url: `${proxyUrl}${LIST_KALEYRA}` },
      direct: { url: `${upstream.url}${upstreamPath(kaleyra.listFlows(settings, WABA_KALEYRA, undefined))}`, headers },
    },
    detail: {
      proxy: { url: proxyUrl, requests: [{ method: 'GET' as const, setupRequest: proxyDetailPath }] },
      direct: { url: upstream.url, headers, requests: [{ method: 'GET' as const, setupRequest: directDetailPath }] },
    },
  };

  // Warm both servers up on both routes (JIT, connection pools, heap growth) before measuring.
  console.log(`\nwarm-up: ${connections} connections, 2 s per route and server (not measured)`);
  const warmUps = [
    await run('proxy  list  ', { connections, duration: 2, timeout: 10, ...routes.list.proxy }),
    await run('proxy  detail', { connections, duration: 2, timeout: 10, ...routes.detail.proxy }),
    await run('direct list  ', { connections, duration: 2, timeout: 10, ...routes.list.direct }),
    await run('direct detail', { connections, duration: 2, timeout: 10, ...routes.detail.direct }),
  ];
  await getJson(`${upstream.url}/__stats`);

  console.log(`\nunder load: ${connections} connections, ${half} s per route`);
  const loadedProxyList = await run('proxy  list  ', { connections, duration: half, timeout: 10, ...routes.list.proxy });
  const loadedProxyDetail = await run('proxy  detail', { connections, duration: half, timeout: 10, ...routes.detail.proxy });
  const after = memory(proxy.child.pid!);
  const upstreamCalls = (await getJson(`${upstream.url}/__stats`)) as { byTarget: Record<string, number>; badAuth: number };
  const loadedDirectList = await run('direct list  ', { connections, duration: half, timeout: 10, ...routes.list.direct });
  const loadedDirectDetail = await run('direct detail', { connections, duration: half, timeout: 10, ...routes.detail.direct });
  const heapAfter = await collectGarbage(proxy.child);
  const afterGc = memory(proxy.child.pid!);

  console.log(`\nunloaded: 1 connection, ${probe} s per route (no queueing, no coalescing: the proxy's own cost per call)`);
  const probeProxyList = await run('proxy  list  ', { connections: 1, duration: probe, timeout: 10, ...routes.list.proxy });
  const probeDirectList = await run('direct list  ', { connections: 1, duration: probe, timeout: 10, ...routes.list.direct });
  const probeProxyDetail = await run('proxy  detail', { connections: 1, duration: probe, timeout: 10, ...routes.detail.proxy });
  const probeDirectDetail = await run('direct detail', { connections: 1, duration: probe, timeout: 10, ...routes.detail.direct });

  const phases = [...warmUps, loadedProxyList, loadedProxyDetail, loadedDirectList, loadedDirectDetail, probeProxyList, probeDirectList, probeProxyDetail, probeDirectDetail];
  const failures = phases.reduce((n, p) => n + failuresOf(p), 0) + upstreamCalls.badAuth;
  const row = (route: string, proxied: Phase, direct: Phase, proxiedAlone: Phase, directAlone: Phase) => ({
    route,
    requests: proxied.result.requests.total,
    'req/s': Math.round(proxied.result.requests.average),
    'errors/non-2xx': failuresOf(proxied),
    'p50 ms': proxied.result.latency.p50,
    'p99 ms': proxied.result.latency.p99,
    'direct p50': direct.result.latency.p50,
    'direct p99': direct.result.latency.p99,
    'p99 added': proxied.result.latency.p99 - direct.result.latency.p99,
    '1-conn p50 added': proxiedAlone.result.latency.p50 - directAlone.result.latency.p50,
    '1-conn p99 added': proxiedAlone.result.latency.p99 - directAlone.result.latency.p99,
  });

  console.log(`\nresults (Kaleyra routes through createServerApp with keys, upstream over HTTP on 127.0.0.1; ms):`);
  console.table([
    row('list', loadedProxyList, loadedDirectList, probeProxyList, probeDirectList),
    row(`detail (${flowIds.length} flows)`, loadedProxyDetail, loadedDirectDetail, probeProxyDetail, probeDirectDetail),
  ]);
  const proxied = loadedProxyList.result.requests.total + loadedProxyDetail.result.requests.total;
  console.log(`upstream calls the proxy made for ${proxied} loaded requests: ${upstreamCalls.byTarget.kaleyra ?? 0} (identical concurrent calls share one), calls without the key: ${upstreamCalls.badAuth}`);
  console.log(`proxy RSS: ${before.rssMb.toFixed(1)} MB before, ${after.rssMb.toFixed(1)} MB right after its load, ${afterGc.rssMb.toFixed(1)} MB after a GC (peak ${afterGc.peakMb.toFixed(1)} MB)`);
  console.log(`proxy JS heap in use after a GC: ${heapBefore.toFixed(1)} MB before, ${heapAfter.toFixed(1)} MB after`);
  console.log(failures === 0 ? 'OK: 0 errors, 0 non-2xx answers' : `FAILED: ${failures} errors, timeouts, non-2xx answers or unauthenticated upstream calls`);
  return failures === 0 ? 0 : 1;
}

main()
  .then((code) => {
    stopAll();
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error('load test failed:', error instanceof Error ? error.message : error);
    stopAll();
    process.exitCode = 1;
  });
