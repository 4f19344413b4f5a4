/** Wires configuration, accounts, sign-in and the simulator into the proxy. */
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { hostname } from 'node:os';
import { createAccountRuntime } from './accounts';
import { createAuth, type Auth } from './auth';
import { createDiffWorker, createJsonDiffs, type JsonDiffs } from './json-diffs';
import { createFleetSearch, type FleetSearch } from './search/fleet-search';
import type { Store } from './store/store';
import { createSyncer, type Syncer } from './sync/syncer';
import { loadConfig, type ServerConfig } from './config';
import { createProxy, isProblem, loadFlowJson, type ProxyContext } from './proxy';

/** The flow index: the store, its background sync and the fleet search (absent in tests of the proxy alone, and in the dev server). */
export interface FlowIndex {
  store: Store;
  syncer: Syncer;
  fleet: FleetSearch;
  /** Comparisons of stored flow JSON versions. */
  diffs: JsonDiffs;
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
  const syncer = createSyncer(store, ctx.accounts, {
    intervalS: config.syncIntervalS,
    refreshAgeMs: config.refreshAgeMs,
    owner: `${hostname()}:${process.pid}`,
    recordFlowJson: async (account, ref, flowId) => {
      const loaded = await loadFlowJson(ctx, account.client, ref, flowId, AbortSignal.timeout(config.flowJsonTimeoutMs * 2), 'sync');
      if (!isProblem(loaded)) await loaded.recorded;
    },
  });
  const index = { store, syncer, fleet: createFleetSearch(store), diffs: createJsonDiffs(store.history, createDiffWorker(), (error) => console.error(`Comparing two flow JSON versions failed: ${error.message}`)) };
  ctx.index = index;
  return { ctx, index };
}

/**
 * The API: sign-in under /auth, every /api route behind the session check, and every route of an
 * account (`/api/accounts/:accountId/*`, whichever module serves it) behind the access check.
 */
export function createApiApp(config: ServerConfig = loadConfig(), ctx: ProxyContext = createProxyContext(config), auth: Auth = createAuth(config)): Hono {
  const app = new Hono();
  // [auth] A foreign Host gets 421; /auth signs in and out; every /api route needs a session
  // (401), refuses cross-site state changes (403) and knows the user's accounts.
  app.use('/api/*', auth.hostGuard);
  app.use('/auth/*', auth.hostGuard);
  app.route('/auth', auth.routes);
  app.use('/api/*', auth.requireSession);
  // Before any route of an account: 403 "You have no access to this account", no provider call.
  app.use('/api/accounts/:accountId/*', auth.accountGuard);
  app.route('/api', auth.api);
  // [/auth]
  app.route('/api', createProxy(ctx));
  return app;
}

/** A Node request listener for the API, for mounting in Vite's dev server. */
export function createProxyListener() {
  return getRequestListener(createApiApp().fetch);
}
