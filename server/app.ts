/** Wires configuration, accounts and the simulator into the proxy. */
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createAccountRuntime } from './accounts';
import { createAuth, type AccountGate, type Auth } from './auth';
import { loadConfig, type ServerConfig } from './config';
import { createProxy, type ProxyContext } from './proxy';

export function createProxyContext(config: ServerConfig, accountGate?: AccountGate): ProxyContext {
  return {
    accounts: new Map(config.accounts.map((account) => [account.id, createAccountRuntime(account, config)])),
    flowAssetHosts: config.flowAssetHosts,
    flowJsonTimeoutMs: config.flowJsonTimeoutMs,
    accountGate,
  };
}

export function createApiApp(config: ServerConfig = loadConfig(), auth: Auth = createAuth(config)): Hono {
  const app = new Hono();
  // [auth] A foreign Host gets 421; /auth signs in and out; every /api route needs a session
  // (401), refuses cross-site state changes (403) and knows the user's accounts.
  app.use('/api/*', auth.hostGuard);
  app.use('/auth/*', auth.hostGuard);
  app.route('/auth', auth.routes);
  app.use('/api/*', auth.requireSession);
  app.route('/api', auth.api);
  // [/auth]
  app.route('/api', createProxy(createProxyContext(config, auth.accountGate)));
  return app;
}

/** A Node request listener for the API, for mounting in Vite's dev server. */
export function createProxyListener() {
  return getRequestListener(createApiApp().fetch);
}
