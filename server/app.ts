/** Wires configuration, accounts and the simulator into the proxy. */
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createAccountRuntime } from './accounts';
import { loadConfig, type ServerConfig } from './config';
import { createProxy, type ProxyContext } from './proxy';

export function createProxyContext(config: ServerConfig): ProxyContext {
  return {
    accounts: new Map(config.accounts.map((account) => [account.id, createAccountRuntime(account, config)])),
    flowAssetHosts: config.flowAssetHosts,
    flowJsonTimeoutMs: config.flowJsonTimeoutMs,
  };
}

export function createApiApp(config: ServerConfig = loadConfig()): Hono {
  const app = new Hono();
  app.route('/api', createProxy(createProxyContext(config)));
  return app;
}

/** A Node request listener for the API, for mounting in Vite's dev server. */
export function createProxyListener() {
  return getRequestListener(createApiApp().fetch);
}
