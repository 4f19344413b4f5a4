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
import { createHash } from 'node:crypto';
import type { AccountConfig, ServerConfig } from './config';
import type { Store } from './store/store';
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

/** How long a call may wait for the shared budget's permit; past it, the call is refused as paced (429). */
const MAX_PERMIT_WAIT_MS = 15_000;

export function createAccountRuntime(
  account: AccountConfig,
  config: Pick<ServerConfig, 'simulatorFlows' | 'simulatorFaults' | 'upstreamTimeoutMs'> & Partial<Pick<ServerConfig, 'simulatorChangeEveryS'>>,
  store?: Store,
): AccountRuntime {
  const { adapter } = account.provider;
  const simulator = account.simulated
    ? createSimulator(account.provider, account.settings, {
        flowsPerChannel: config.simulatorFlows,
        faults: config.simulatorFaults,
        evolution: { everyMs: (config.simulatorChangeEveryS ?? 0) * 1000 },
      })
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
  if (store) client.permit = sharedPermit(store, budgetKey(account), rateLimit.requests, rateLimit.perMs);

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

/** The budget's key: per credential (a hash, never the key itself); simulated accounts each have their own. */
function budgetKey(account: AccountConfig): string {
  if (account.simulated) return `simulated:${account.id}`;
  return `${account.provider.adapter.id}:${createHash('sha256').update(account.secrets.join('\u0000')).digest('hex').slice(0, 32)}`;
}

/**
 * Waits for a permit from the budget every replica shares (the database's sliding window, one
 * second wider than the provider's so calls in flight never cross it). A database that is down
 * does not stop live reads: the call goes on under this replica's own budget.
 */
function sharedPermit(store: Store, key: string, limit: number, windowMs: number) {
  return async () => {
    const started = Date.now();
    for (;;) {
      let answer: { granted: boolean; waitMs: number };
      try {
        answer = await store.permit(key, limit, windowMs + 1000);
      } catch {
        return;
      }
      if (answer.granted) return;
      if (Date.now() - started + answer.waitMs > MAX_PERMIT_WAIT_MS) throw new Error('The shared request budget has no room within the wait allowed.');
      await new Promise((r) => setTimeout(r, Math.min(answer.waitMs, 1000)));
    }
  };
}
