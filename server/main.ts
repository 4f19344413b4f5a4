/** The production server: the proxy API plus the built app, with security headers, logs and a graceful shutdown. */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { createApiApp, createIndexedContext } from './app';
import type { ProxyContext } from './proxy';
import { openDatabase, StoreError } from './store/engine';
import { createStore, type Store } from './store/store';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { createLogger, requestLog, type Logger, type LogVariables } from './log';

const DIST = 'dist';
const HSTS = 'max-age=31536000; includeSubDomains';

export interface ServerAppOptions {
  logger?: Logger;
  /** The proxy's accounts and index (default: the configuration's accounts, without an index). */
  context?: ProxyContext;
}

/** Served over https: directly, or behind a proxy that terminated TLS and says so. */
const overHttps = (url: string, forwardedProto: string | undefined) =>
  url.startsWith('https:') || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';

export function createServerApp(config = loadConfig(), options: ServerAppOptions = {}) {
  const logger = options.logger ?? createLogger();
  const app = new Hono<{ Variables: LogVariables }>();
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
  app.route('/', createApiApp(config, options.context));
  app.use('/assets/*', serveStatic({ root: DIST }));
  // A missing script or stylesheet is a 404, never the app page (which the browser would run as JS).
  app.all('/assets/*', (c) => c.text('Not found', 404));
  app.use('*', serveStatic({ root: DIST }));
  const index = existsSync(`${DIST}/index.html`) ? readFileSync(`${DIST}/index.html`, 'utf8') : null;
  // Every other path is a client route: the app's router decides (deep links work on reload).
  app.get('*', (c) => (index ? c.html(index) : c.text('The app is not built: run `npm run build`.', 503)));
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

/** Starts the server and wires SIGTERM / SIGINT to a drain within FLOWDESK_SHUTDOWN_S, then exit 0. */
export function startServer(config: ServerConfig, logger = createLogger(), context?: ProxyContext, onStop: () => Promise<void> = async () => {}): Server {
  const deadlineMs = shutdownSeconds() * 1000;
  const app = createServerApp(config, { logger, context });
  const simulated = config.accounts.filter((a) => a.simulated).map((a) => a.id);
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info({ port: info.port, pid: process.pid, simulated }, `Flow Desk on http://localhost:${info.port}`);
  }) as Server;
  trackInFlight(server);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: inFlightOf(server), deadlineMs }, 'shutting down: draining requests under way');
    void drain(server, deadlineMs)
      .then(async ({ timedOut, inFlight: left }) => {
        // Then the background sync and the database.
        await onStop().catch((error: unknown) => logger.error({ error: String(error) }, 'closing the index failed'));
        logger.info({ timedOut, cutOff: left }, 'stopped');
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Variables already in the environment win over the file.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what and where, without a stack.
    console.error(`Flow Desk cannot start: ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(1);
  }
  for (const warning of config.warnings) console.warn(`Warning: ${warning}`);
  // The index's database: a failure to open it stops start-up, saying what failed.
  let store: Store;
  try {
    store = createStore(await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  } catch (error) {
    console.error(`Flow Desk cannot start: ${error instanceof StoreError ? error.message : String(error)}`);
    process.exit(1);
  }
  const { ctx, index } = createIndexedContext(config, store);
  index.syncer.start();
  // PGlite's write-ahead log grows until checkpointed.
  const checkpoints = setInterval(() => void store.db.checkpoint().catch(() => {}), 10 * 60_000);
  checkpoints.unref();
  startServer(config, createLogger(), ctx, async () => {
    clearInterval(checkpoints);
    await index.syncer.stop();
    await store.db.close();
  });
}
