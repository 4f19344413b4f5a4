/** The production server: sign-in, the proxy API plus the built app, with security headers, logs and a graceful shutdown. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { createApiApp, createIndexedContext } from './app';
import { createAuth, describeMode, type Auth } from './auth';
import { addressUrl, listenAll } from './auth/listen';
import { createAuthStores } from './store/auth';
import { createAssetHandler } from './assets';
import { pageFilesFrom, withPreloads, type BuildManifest } from './page-preloads';
import type { ProxyContext } from './proxy';
import { adoptEarlyOpening, openDatabaseInBackground, StoreError, type EarlyOpening, type OpenPhases, type OpeningDatabase } from './store/engine';
import { createStore, type Store } from './store/store';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { createLogger, requestLog, type Logger, type LogVariables } from './log';

const DIST = 'dist';

/** The build's manifest (which chunks each page needs), or null when there is none or it does not read. */
function readManifest(file: string): BuildManifest | null {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildManifest) : null;
  } catch {
    return null;
  }
}
const HSTS = 'max-age=31536000; includeSubDomains';

export interface ServerAppOptions {
  logger?: Logger;
  /** The proxy's accounts and index (default: the configuration's accounts, without an index). */
  context?: ProxyContext;
  /** Sign-in, access and audit (default: from the environment, sessions and audit in memory). */
  auth?: Auth;
}

/** Served over https: directly, or behind a proxy that terminated TLS and says so. */
const overHttps = (url: string, forwardedProto: string | undefined) =>
  url.startsWith('https:') || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';

export function createServerApp(config = loadConfig(), options: ServerAppOptions = {}) {
  const logger = options.logger ?? createLogger();
  const auth = options.auth ?? createAuth(config);
  const app = new Hono<{ Variables: LogVariables }>();
  // [auth] A request for another Host is refused (421) before anything else runs.
  app.use('*', auth.hostGuard);
  app.use('*', requestLog(logger, { onlyPaths: /^\/api\// }));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and CodeMirror inject <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      // Set below, only when served over https (over http it would pin a name that has no TLS).
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (overHttps(c.req.url, c.req.header('x-forwarded-proto'))) c.res.headers.set('Strict-Transport-Security', HSTS);
  });
  app.route('/', createApiApp(config, options.context, auth));
  // [auth] The app's pages and files need a session: without one, sign-in, then back to the same deep link.
  app.use('*', auth.pageGuard);
  // Hashed names, kept by the browser for good; a missing script or stylesheet is a 404, never the
  // app page (which the browser would run as JS).
  app.all('/assets/*', createAssetHandler(`${DIST}/assets`));
  const index = existsSync(`${DIST}/index.html`) ? readFileSync(`${DIST}/index.html`, 'utf8') : null;
  const pageFiles = pageFilesFrom(readManifest(`${DIST}/.vite/manifest.json`));
  // Asked again on every visit (it names the current build's files), and never kept by a shared cache.
  const page = (c: Context) =>
    index ? c.html(withPreloads(index, new URL(c.req.url), pageFiles), 200, { 'Cache-Control': 'no-cache, private' }) : c.text('The app is not built: run `npm run build`.', 503);
  // The first page is a client route too (with its preloads), not the built index.html as a file.
  app.get('/', page);
  // The build's manifest is the server's, not a file of the site.
  app.all('/.vite/*', (c) => c.text('Not found', 404));
  app.use('*', serveStatic({ root: DIST }));
  // Every other path is a client route: the app's router decides (deep links work on reload).
  app.get('*', page);
  return app;
}

const shutdownSchema = z.object({ FLOWDESK_SHUTDOWN_S: z.coerce.number().positive().max(3600).default(10) });

export function shutdownSeconds(env: Record<string, string | undefined> = process.env): number {
  const parsed = shutdownSchema.safeParse(env);
  if (!parsed.success) throw new Error('Invalid configuration: FLOWDESK_SHUTDOWN_S must be a number of seconds (default 10).');
  return parsed.data.FLOWDESK_SHUTDOWN_S;
}

/**
 * Stops accepting connections, lets the requests under way finish (closing idle keep-alive
 * connections), and resolves once they have or the deadline passed (then closes the rest).
 */
export function drain(server: Server, deadlineMs: number): Promise<{ timedOut: boolean; inFlight: number }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const inFlight = inFlightOf(server);
      server.closeAllConnections();
      resolve({ timedOut, inFlight });
    };
    const timer = setTimeout(() => finish(true), deadlineMs);
    server.close(() => finish(false));
    server.closeIdleConnections();
    // A connection that goes idle after its answer is closed too (keep-alive must not hold the drain).
    server.on('request', (_req, res) => res.on('finish', () => server.closeIdleConnections()));
    trackInFlight(server).onIdle = () => server.closeIdleConnections();
  });
}

const inFlight = new WeakMap<Server, { count: number; onIdle?: () => void }>();

function trackInFlight(server: Server) {
  let state = inFlight.get(server);
  if (!state) {
    const s = { count: 0 } as { count: number; onIdle?: () => void };
    inFlight.set(server, (state = s));
    server.on('request', (_req, res) => {
      s.count++;
      res.on('close', () => {
        s.count--;
        s.onIdle?.();
      });
    });
  }
  return state;
}

const inFlightOf = (server: Server) => inFlight.get(server)?.count ?? 0;

/**
 * Starts the server on the addresses the mode allows (loopback only without sign-in; `HOST`, or
 * every interface, with it) and wires SIGTERM / SIGINT to a drain within FLOWDESK_SHUTDOWN_S, then exit 0.
 */
export async function startServer(config: ServerConfig, auth: Auth, logger = createLogger(), context?: ProxyContext, onStop: () => Promise<void> = async () => {}): Promise<Server[]> {
  const deadlineMs = shutdownSeconds() * 1000;
  const app = createServerApp(config, { logger, context, auth });
  const simulated = config.accounts.filter((a) => a.simulated).map((a) => a.id);
  const listening = await listenAll(app.fetch, config.port, auth.settings.listen);
  for (const skipped of listening.skipped) logger.warn({ skipped }, `not listening on ${skipped}`);
  const servers = listening.servers as Server[];
  const urls = listening.addresses.map(addressUrl);
  logger.info({ port: listening.addresses[0]!.port, addresses: urls, pid: process.pid, simulated }, `Flow Desk on ${urls.join(' and ')}, ${describeMode(auth.settings)}`);
  for (const server of servers) trackInFlight(server);
  const inFlightNow = () => servers.reduce((sum, s) => sum + inFlightOf(s), 0);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: inFlightNow(), deadlineMs }, 'shutting down: draining requests under way');
    void Promise.all(servers.map((server) => drain(server, deadlineMs)))
      .then((drained) => ({ timedOut: drained.some((d) => d.timedOut), inFlight: drained.reduce((sum, d) => sum + d.inFlight, 0) }))
      .then(async ({ timedOut, inFlight: left }) => {
        // Then the background sync and the database.
        await onStop().catch((error: unknown) => logger.error({ error: String(error) }, 'closing the index failed'));
        logger.info({ timedOut, cutOff: left }, 'stopped');
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return servers;
}

/** Milliseconds since the process started (Node's performance clock starts with it). */
const sinceStart = () => Math.round(performance.now());
/** CPU milliseconds the process used since it started, all its threads (wall time depends on the machine's load). */
const cpuSinceStart = () => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};

/**
 * Work that may wait (the background sync, history pruning): it starts once no API request has been
 * under way for `quietMs`, or after `maxMs`, so that it never holds up the first lists (PGlite runs
 * one query at a time, and pruning a large history takes seconds).
 */
function whenApiQuiet(servers: Server[], quietMs: number, maxMs: number, work: () => void): void {
  let done = false;
  let active = 0;
  let quiet: NodeJS.Timeout | undefined;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(quiet);
    clearTimeout(deadline);
    for (const server of servers) server.off('request', onRequest);
    work();
  };
  const arm = () => {
    clearTimeout(quiet);
    quiet = setTimeout(run, quietMs);
    quiet.unref();
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/api/')) return;
    active++;
    clearTimeout(quiet);
    res.once('close', () => {
      if (--active === 0) arm();
    });
  };
  const deadline = setTimeout(run, maxMs);
  deadline.unref();
  for (const server of servers) server.on('request', onRequest);
  arm();
}

/**
 * Runs the production server: configuration, the database (the one `early` began opening, when it
 * is the one configured: see start.ts), sign-in, listening, then the work that may wait.
 */
export async function runServer(early: EarlyOpening | null = null): Promise<void> {
  // Start-up, phase by phase (ms since the process started), logged once the database is open.
  const startup: Record<string, number> = { modules: sinceStart() };
  const startupCpu: Record<string, number> = { modules: cpuSinceStart() };
  // Variables already in the environment win over the file.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what and where, without a stack.
    console.error(`Flow Desk cannot start: ${error instanceof ConfigError ? error.message : String(error)}`);
    if (early && !('error' in early.opening)) await early.opening.db.close().catch(() => {});
    process.exit(1);
  }
  const cannotStart = (error: unknown) => console.error(`Flow Desk cannot start: ${error instanceof StoreError || error instanceof ConfigError ? error.message : String(error)}`);
  // The database (the index, sessions and the audit trail) opens while the server starts listening:
  // the browser loads the app meanwhile, and requests that need the database wait for it. What can
  // be checked at once is (the data directory, its lock); a failure to open stops the process,
  // saying what failed, also once listening.
  let phases: OpenPhases = {};
  let opening: OpeningDatabase;
  try {
    const adopted = await adoptEarlyOpening(early, config);
    if (adopted) phases = early!.phases;
    opening = adopted ?? openDatabaseInBackground({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, phases });
  } catch (error) {
    cannotStart(error);
    process.exit(1);
  }
  const store: Store = createStore(opening.db);
  let auth: Auth;
  try {
    // Sign-in settings are checked, and the identity provider's discovery read, before listening.
    auth = createAuth(config, process.env, createAuthStores(store.db));
    await auth.ready();
  } catch (error) {
    cannotStart(error);
    await store.db.close().catch(() => {});
    process.exit(1);
  }
  for (const warning of [...config.warnings, ...auth.settings.warnings]) console.warn(`Warning: ${warning}`);
  const { ctx, index } = createIndexedContext(config, store);
  const logger = createLogger();
  let checkpoints: NodeJS.Timeout | undefined;
  let pruning: NodeJS.Timeout | undefined;
  const servers = await startServer(config, auth, logger, ctx, async () => {
    clearInterval(checkpoints);
    clearInterval(pruning);
    await index.syncer.stop();
    await index.diffs.close();
    await store.db.close();
  }).catch(async (error: unknown) => {
    console.error(`Flow Desk cannot start: ${error instanceof Error ? error.message : String(error)}`);
    await index.syncer.stop().catch(() => {});
    await store.db.close().catch(() => {});
    process.exit(1);
  });
  startup.listening = sinceStart();
  startupCpu.listening = cpuSinceStart();
  await opening.ready.catch((error: unknown) => {
    cannotStart(error);
    process.exit(1);
  });
  logger.info({ startupMs: { ...startup, databaseOpen: Math.round(phases.open ?? 0), migrations: Math.round(phases.migrate ?? 0), ready: sinceStart() }, startupCpuMs: { ...startupCpu, ready: cpuSinceStart() }, engine: store.db.engine }, 'index ready');
  // The search's read of the index, the background sync and housekeeping begin once the first
  // requests have been answered.
  whenApiQuiet(servers, 2_000, 15_000, () => {
    // The fleet search reads the index into memory now, not at the first search.
    void index.fleet.catchUp().catch((error: Error) => console.error(`Reading the index for search failed: ${error.message}`));
    index.syncer.start();
    // PGlite's write-ahead log grows until checkpointed.
    checkpoints = setInterval(() => void store.db.checkpoint().catch(() => {}), 10 * 60_000);
    checkpoints.unref();
    // History retention (FLOWDESK_HISTORY_DAYS): at start-up, then every hour.
    const prune = () => void store.history.prune(config.historyDays, Date.now()).catch((error: Error) => console.error(`History pruning failed: ${error.message}`));
    prune();
    pruning = setInterval(prune, 3_600_000);
    pruning.unref();
  });
}

// Run directly (`tsx server/main.ts`); the built server starts from start.ts, which opens the database first.
if (import.meta.url === `file://${process.argv[1]}`) await runServer();
