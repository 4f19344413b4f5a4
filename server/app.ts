/** Wires configuration, provider clients and the simulator into the proxy. */
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { RequestBudget } from '../src/lib/request-budget';
import type { ChannelInfo } from '../src/model/flow';
import { createSimulator, type Simulator } from '../src/mocks/simulator';
import { adapterFor } from '../src/providers/registry';
import { loadConfig, type ServerConfig } from './config';
import { createProxy, type ProxyContext } from './proxy';
import type { ProviderClient } from './upstream';

export function createProxyContext(config: ServerConfig): ProxyContext {
  let simulator: Simulator | undefined;
  const clients = new Map<string, ProviderClient>();
  const channels: ChannelInfo[] = [];
  for (const p of config.providers) {
    const adapter = adapterFor(p.provider)!;
    const simulated = p.apiKey === null;
    if (simulated) simulator ??= createSimulator({ flowsPerChannel: config.simulatorFlows, faults: config.simulatorFaults });
    clients.set(adapter.id, {
      adapter,
      apiKey: p.apiKey,
      baseUrl: simulated ? adapter.defaultBaseUrl : p.baseUrl,
      simulated,
      fetch: simulated ? simulator!.fetch : fetch,
      timeoutMs: config.upstreamTimeoutMs,
      budget: adapter.rateLimit
        ? new RequestBudget({ limit: adapter.rateLimit.requests, windowMs: adapter.rateLimit.perMs, concurrency: 8 })
        : null,
    });
    const simChannels = simulated ? (p.provider === '8x8' ? simulator!.world.eightByEight : simulator!.world.kaleyra) : [];
    const refs = simulated
      ? simChannels.map((c) => ({ provider: p.provider, accountId: c.accountId, channelId: c.channelId, label: c.label }))
      : p.channels.map((c) => ({ ...c, label: null }));
    for (const ref of refs) {
      channels.push({
        ...ref,
        providerLabel: adapter.label,
        accountLabel: adapter.accountLabel,
        channelLabel: adapter.channelLabel,
        simulated,
        capabilities: adapter.capabilities,
      });
    }
  }
  return { clients, channels, flowAssetHosts: config.flowAssetHosts, flowJsonTimeoutMs: config.flowJsonTimeoutMs };
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
