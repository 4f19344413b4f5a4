/** The production server: the proxy API plus the built app, with security headers. */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createApiApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';

const DIST = 'dist';

export function createServerApp(config = loadConfig()) {
  const app = new Hono();
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
  app.route('/', createApiApp(config));
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
  try {
    config = loadConfig();
  } catch (error) {
    // A configuration mistake is the operator's to fix: say what and where, without a stack.
    console.error(`Flow Desk cannot start: ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(1);
  }
  for (const warning of config.warnings) console.warn(`Warning: ${warning}`);
  const app = createServerApp(config);
  const simulated = config.accounts.filter((a) => a.simulated).map((a) => a.id);
  serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`Flow Desk on http://localhost:${info.port}` + (simulated.length ? ` (simulated: ${simulated.join(', ')})` : ''));
  });
}
