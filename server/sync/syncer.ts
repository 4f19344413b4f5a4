/**
 * The background sync: for every channel of every account, list its flows, fetch the details of
 * flows that are new, changed (status or name) or older than the refresh age, and keep them in
 * the index. One replica syncs a channel at a time (a lease in the database); live reads go
 * before the sync in each account's request budget; a channel's failure is stored on it and never
 * stops the others.
 */
import { makeProblem, type ChannelRef, type Problem } from '../../src/model/flow';
import type { AccountRuntime } from '../accounts';
import type { Store } from '../store/store';
import { ProviderProblemError, providerSource } from './provider-source';

export interface SyncerOptions {
  /** Seconds between syncs of a channel; 0 turns the background sync off ("Sync now" still works). */
  intervalS: number;
  /** Details older than this are fetched again. */
  refreshAgeMs: number;
  /** This replica's name in leases. */
  owner: string;
  /**
   * Downloads and records a flow's JSON (into the index and the flow's history); the sync calls
   * it for flows first seen or whose details changed, so their history can compare JSON versions.
   */
  recordFlowJson?: (account: AccountRuntime, ref: ChannelRef, flowId: string) => Promise<unknown>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const LEASE_MS = 120_000;
const PROGRESS_EVERY = 5;
/** Flow JSON downloads per channel sync at most (the rest wait for the next sync or a live read). */
export const SYNC_JSON_PER_CHANNEL = 200;

const problemOf = (error: unknown): Problem =>
  error instanceof ProviderProblemError ? error.problem : makeProblem({ kind: 'internal', message: `The sync failed: ${error instanceof Error ? error.message : String(error)}` });

export function createSyncer(store: Store, accounts: Map<string, AccountRuntime>, options: SyncerOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.()));
  const source = providerSource(accounts);
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Waits until the account's budget has room and nobody else is queued: live reads go first. */
  async function headroom(account: AccountRuntime) {
    const budget = account.client.budget;
    while (!stopped && budget && (budget.pending > 0 || budget.waitMs() > 0)) await sleep(Math.max(100, Math.min(2000, budget.waitMs())));
  }

  async function syncChannel(account: AccountRuntime, ref: ChannelRef): Promise<void> {
    const provider = account.config.provider.adapter.id;
    if (!(await store.takeLease(ref, provider, options.owner, LEASE_MS))) return;
    const startedAt = new Date(now()).toISOString();
    let leaseAt = now();
    try {
      await store.syncRunning(ref, { startedAt, listed: 0, detailsDone: 0, detailsTotal: 0, etaSeconds: null });
      const flows = await source.listFlows(ref);
      const known = await store.knownFlows(ref);
      await store.recordList(ref, provider, flows, new Date(now()).toISOString());
      const stale = now() - options.refreshAgeMs;
      // New or changed in the list (its history already has the change), or details due for a refresh.
      const changedInList = (f: (typeof flows)[number]) => {
        const k = known.get(f.id);
        return !k || k.status !== f.status || k.name !== f.name;
      };
      const due = flows.filter((f) => {
        const k = known.get(f.id);
        return changedInList(f) || !k!.detailsAt || Date.parse(k!.detailsAt) < stale;
      });
      const { rateLimit } = account.config.provider.adapter;
      const perCallMs = rateLimit.perMs / rateLimit.requests;
      const began = now();
      // Flow JSON whose link comes with the details costs no provider call: fetched right after
      // them. Where it costs one (an assets call, or the provider's own JSON route), it waits until
      // every flow's details are in, so the index is complete first.
      const { adapter } = account.config.provider;
      const jsonCostsACall = Boolean(adapter.flowJsonAssets ?? adapter.flowJson);
      const jsonLater: string[] = [];
      let jsonDownloads = 0;
      const downloadJson = async (flowId: string) => {
        await headroom(account);
        // A flow JSON that fails to download leaves the details recorded; the next change tries again.
        await options.recordFlowJson!(account, ref, flowId).catch(() => {});
      };
      for (let i = 0; i < due.length && !stopped; i++) {
        if (i % PROGRESS_EVERY === 0) {
          const elapsed = now() - began;
          const pace = i > 0 ? Math.max(elapsed / i, perCallMs) : perCallMs;
          await store.syncRunning(ref, { startedAt, listed: flows.length, detailsDone: i, detailsTotal: due.length, etaSeconds: Math.round(((due.length - i) * pace) / 1000) });
        }
        if (now() - leaseAt > LEASE_MS / 2) {
          if (!(await store.takeLease(ref, provider, options.owner, LEASE_MS))) return;
          leaseAt = now();
        }
        await headroom(account);
        const detail = await source.getFlow(ref, due[i]!.id);
        const recorded = await store.recordDetail(ref, provider, detail, new Date(now()).toISOString(), 'sync');
        if (options.recordFlowJson && detail.hasFlowJson && (recorded.written > 0 || recorded.firstSeen || changedInList(due[i]!)) && jsonDownloads < SYNC_JSON_PER_CHANNEL) {
          jsonDownloads++;
          if (jsonCostsACall) jsonLater.push(detail.id);
          else await downloadJson(detail.id);
        }
      }
      // The channel is indexed: say so before the flow JSON that costs calls.
      await store.syncFinished(ref, new Date(now()).toISOString(), null);
      for (const flowId of jsonLater) {
        if (stopped) break;
        if (now() - leaseAt > LEASE_MS / 2) {
          if (!(await store.takeLease(ref, provider, options.owner, LEASE_MS))) return;
          leaseAt = now();
        }
        await downloadJson(flowId);
      }
    } catch (error) {
      await store.syncFinished(ref, new Date(now()).toISOString(), problemOf(error)).catch(() => {});
    } finally {
      await store.releaseLease(ref, options.owner).catch(() => {});
    }
  }

  /** Syncs one channel unless this replica already is; resolves when it is done. */
  function syncNow(accountId: string, channelId: string): Promise<void> | null {
    const account = accounts.get(accountId);
    if (!account) return null;
    const key = `${accountId}\u0000${channelId}`;
    let run = running.get(key);
    if (!run) {
      run = syncChannel(account, { accountId, channelId }).finally(() => running.delete(key));
      running.set(key, run);
    }
    return run;
  }

  /** One round over every channel: channels in parallel, each account's calls paced by its budget. */
  async function round(): Promise<void> {
    const work: Promise<void>[] = [];
    for (const account of accounts.values()) {
      const { channels } = await account.channels();
      for (const c of channels) work.push(syncNow(account.config.id, c.channelId)!);
    }
    await Promise.allSettled(work);
  }

  return {
    syncNow,
    round,
    start() {
      if (options.intervalS <= 0) return;
      const loop = async () => {
        await round().catch(() => {});
        if (!stopped) timer = setTimeout(() => void loop(), options.intervalS * 1000);
      };
      void loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled(running.values());
    },
  };
}

export type Syncer = ReturnType<typeof createSyncer>;
