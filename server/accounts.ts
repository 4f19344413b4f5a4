/**
 * The configured accounts at run time: each with its own provider client (credentials, host,
 * request budget), its simulator when it has no credentials, and its channels (configured,
 * simulated or discovered). `AccountInfo` is what the browser may know of an account.
 */
import { RequestBudget } from '../src/lib/request-budget';
import { makeProblem, type AccountInfo, type Problem } from '../src/model/flow';
import { createSimulator } from '../src/mocks/simulator';
import { withStandInCredentials } from '../src/providers/credentials';
import type { ChannelSpec } from '../src/providers/types';
import type { AccountConfig, ServerConfig } from './config';
import { getFromProvider, type ProviderClient } from './upstream';

/** How many pages of a channel listing Flow Desk follows before it stops and says so. */
const MAX_DISCOVERY_PAGES = 20;

export interface AccountRuntime {
  config: AccountConfig;
  client: ProviderClient;
  /** The account's channels: configured or simulated at once, discovered on first use (and retried after a failure). */
  channels(): Promise<{ channels: ChannelSpec[]; problem: Problem | null }>;
  info(): Promise<AccountInfo>;
}

export function createAccountRuntime(account: AccountConfig, config: Pick<ServerConfig, 'simulatorFlows' | 'simulatorFaults' | 'upstreamTimeoutMs'>): AccountRuntime {
  const { adapter } = account.provider;
  const simulator = account.simulated
    ? createSimulator(account.provider, account.settings, { flowsPerChannel: config.simulatorFlows, faults: config.simulatorFaults })
    : null;
  const { rateLimit } = adapter;
  const client: ProviderClient = {
    adapter,
    account: account.simulated ? withStandInCredentials(adapter, account.settings) : account.settings,
    accountName: account.name,
    secrets: account.secrets,
    baseUrl: adapter.apiBase(simulator ? { ...account.settings, baseUrl: undefined } : account.settings),
    simulated: account.simulated,
    fetch: simulator ? simulator.fetch : fetch,
    timeoutMs: config.upstreamTimeoutMs,
    budget: new RequestBudget({ limit: rateLimit.requests, windowMs: rateLimit.perMs, concurrency: 8 }),
  };

  const known: ChannelSpec[] | null = simulator
    ? simulator.channels.map((c) => ({ channelId: c.channelId, label: c.label }))
    : adapter.configuredChannels(account.settings);
  let discovered: Promise<{ channels: ChannelSpec[]; problem: Problem | null }> | null = null;

  const discover = async () => {
    const discovery = adapter.discoverChannels!;
    const channels: ChannelSpec[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_DISCOVERY_PAGES; page++) {
      const result = await getFromProvider(client, discovery.request(account.settings, cursor));
      if (!result.ok) return { channels, problem: result.problem };
      try {
        const parsed = discovery.parse(result.body);
        channels.push(...parsed.channels);
        cursor = parsed.next;
      } catch {
        return { channels, problem: makeProblem({ kind: 'bad_response', provider: adapter.id, message: `${adapter.label} listed the channels of “${account.name}” in an unexpected shape.` }) };
      }
      if (!cursor) return { channels, problem: null };
    }
    return { channels, problem: makeProblem({ kind: 'provider_error', provider: adapter.id, message: `${adapter.label} kept paging the channels of “${account.name}”; Flow Desk stopped after ${MAX_DISCOVERY_PAGES} pages.` }) };
  };

  const channels = async () => {
    if (known) return { channels: known, problem: null };
    discovered ??= discover().then((result) => {
      if (result.problem) discovered = null;
      return result;
    });
    return discovered;
  };

  return {
    config: account,
    client,
    channels,
    info: async () => {
      const { channels: list, problem } = await channels();
      return {
        id: account.id,
        name: account.name,
        provider: adapter.id,
        providerLabel: adapter.label,
        providerAccountId: adapter.providerAccountId(account.settings),
        accountLabel: adapter.accountLabel,
        channelLabel: adapter.channelLabel,
        simulated: account.simulated,
        capabilities: adapter.capabilities,
        wording: adapter.wording,
        rateLimit,
        channels: list,
        problem,
      };
    },
  };
}
