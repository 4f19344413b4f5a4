/** The production server: the proxy API plus the built app, with security headers. */
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createApiApp } from './app';
import { createAuth, describeMode } from './auth';
import { addressUrl, listenAll } from './auth/listen';
import { ConfigError, loadConfig, type ServerConfig } from './config';

const DIST = 'dist';

export function createServerApp(config = loadConfig(), auth = createAuth(config)) {
  const app = new Hono();
  // [auth] A request for another Host is refused (421) before anything else runs.
  app.use('*', auth.hostGuard);
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
    }),
  );
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: never headers, query strings or bodies.
    if (c.req.path.startsWith('/api/')) {
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    }
  });
  app.route('/', createApiApp(config, auth));
  // [auth] The app's pages and files need a session: without one, sign-in, then back to the same deep link.
  app.use('*', auth.pageGuard);
  app.use('/assets/*', serveStatic({ root: DIST }));
  app.use('*', serveStatic({ root: DIST }));
  const index = existsSync(`${DIST}/index.html`) ? readFileSync(`${DIST}/index.html`, 'utf8') : null;
  // Every other path is a client route: the app's router decides (deep links work on reload).
  app.get('*', (c) => (index ? c.html(index) : c.text('The app is not built: run `npm run build`.', 503)));
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Variables already in the environment win over the file.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ServerConfig;
  let auth: ReturnType<typeof createAuth>;
  try {
    config = loadConfig();
    auth = createAuth(config);
    await auth.ready();
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what and where, without a stack.
    console.error(`Flow Desk cannot start: ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(1);
  }
  for (const warning of [...config.warnings, ...auth.settings.warnings]) console.warn(`Warning: ${warning}`);
  const app = createServerApp(config, auth);
  const simulated = config.accounts.filter((a) => a.simulated).map((a) => a.id);
  // [auth] Loopback only without sign-in; HOST, or every interface, otherwise.
  const listening = await listenAll(app.fetch, config.port, auth.settings.listen);
  for (const skipped of listening.skipped) console.warn(`Warning: not listening on ${skipped}.`);
  console.log(`Flow Desk on ${listening.addresses.map(addressUrl).join(' and ')}, ${describeMode(auth.settings)}` + (simulated.length ? ` (simulated: ${simulated.join(', ')})` : ''));
}
