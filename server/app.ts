/** Wires configuration, accounts and the simulator into the proxy. */
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { hostname } from 'node:os';
import { createAccountRuntime } from './accounts';
import type { Store } from './store/store';
import { createSyncer, type Syncer } from './sync/syncer';
import { loadConfig, type ServerConfig } from './config';
import { createProxy, type ProxyContext } from './proxy';

/** The flow index: the store and its background sync (absent in tests of the proxy alone, and in the dev server). */
export interface FlowIndex {
  store: Store;
  syncer: Syncer;
}

export function createProxyContext(config: ServerConfig, store?: Store): ProxyContext {
  return {
    accounts: new Map(config.accounts.map((account) => [account.id, createAccountRuntime(account, config, store)])),
    flowAssetHosts: config.flowAssetHosts,
    flowJsonTimeoutMs: config.flowJsonTimeoutMs,
  };
}

/** The accounts, the index and its sync over one store: what the production server runs. */
export function createIndexedContext(config: ServerConfig, store: Store): { ctx: ProxyContext; index: FlowIndex } {
  const ctx = createProxyContext(config, store);
  const syncer = createSyncer(store, ctx.accounts, { intervalS: config.syncIntervalS, refreshAgeMs: config.refreshAgeMs, owner: `${hostname()}:${process.pid}` });
  const index = { store, syncer };
  ctx.index = index;
  return { ctx, index };
}

export function createApiApp(config: ServerConfig = loadConfig(), ctx: ProxyContext = createProxyContext(config)): Hono {
  const app = new Hono();
  app.route('/api', createProxy(ctx));
  return app;
}

/** A Node request listener for the API, for mounting in Vite's dev server. */
export function createProxyListener() {
  return getRequestListener(createApiApp().fetch);
}
