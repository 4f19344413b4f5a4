/** Loads every page of each channel's flows and merges in the details loaded so far. */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { flowListQueryOptions } from '../api/flows';
import { toRow, type FlowRow } from '../lib/flow-table/rows';
import { FlowDetailSchema, type ChannelInfo, type FlowDetail, type FlowPage } from '../model/flow';

export interface ChannelLoad {
  channel: ChannelInfo;
  flowsLoaded: number;
  pagesLoaded: number;
  done: boolean;
  error: unknown;
  /** While react-query retries (rate limit, passing outage): why the last attempt failed, and how many failed. */
  retrying: { reason: unknown; failures: number } | null;
  /** When the list comes from the index: as of when, and the channel's background sync. */
  index: FlowPage['index'] | null;
  refetch: () => void;
}

const detailId = (accountId: string, channelId: string, flowId: string) => `${accountId}\u0000${channelId}\u0000${flowId}`;

/**
 * Loaded flow details by flow, kept up to date from the query cache. The version changes
 * whenever a detail arrives, so rows are rebuilt without hashing a query key per row.
 */
function useLoadedDetails() {
  const queryClient = useQueryClient();
  const store = useMemo(() => {
    const details = new Map<string, FlowDetail>();
    let version = 0;
    const record = (key: readonly unknown[], data: unknown) => {
      const parsed = FlowDetailSchema.safeParse(data);
      if (key[0] === 'flows' && key[1] === 'detail' && parsed.success) {
        details.set(detailId(String(key[2]), String(key[3]), String(key[4])), parsed.data);
        version++;
      }
    };
    for (const q of queryClient.getQueryCache().getAll()) if (q.state.data) record(q.queryKey, q.state.data);
    return {
      details,
      subscribe: (onChange: () => void) =>
        queryClient.getQueryCache().subscribe((event) => {
          if (event.type === 'updated' && event.action.type === 'success') {
            record(event.query.queryKey, event.query.state.data);
            onChange();
          }
        }),
      getVersion: () => version,
    };
  }, [queryClient]);
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  return { details: store.details, version };
}

/** Stable, so useQueries re-runs it only when a list changes. */
const pagesOf = (results: { data?: FlowPage[] }[]) => results.map((r) => r.data);

export function useFlowRows(channels: readonly ChannelInfo[]) {
  const queries = channels.map((c) => flowListQueryOptions(c));
  const lists = useQueries({ queries });
  const pageData = useQueries({ queries, combine: pagesOf });
  const { details, version } = useLoadedDetails();

  const loads: ChannelLoad[] = channels.map((channel, i) => {
    const q = lists[i]!;
    return {
      channel,
      flowsLoaded: q.data?.reduce((n, page) => n + page.flows.length, 0) ?? 0,
      pagesLoaded: q.data?.length ?? 0,
      done: q.fetchStatus === 'idle' && q.status !== 'pending',
      error: q.error,
      retrying: q.fetchStatus === 'fetching' && q.failureCount > 0 ? { reason: q.failureReason, failures: q.failureCount } : null,
      index: q.data?.at(-1)?.index ?? null,
      refetch: () => void q.refetch(),
    };
  });

  const rows = useMemo<FlowRow[]>(() => {
    const all: FlowRow[] = [];
    pageData.forEach((pages, i) => {
      const channel = channels[i]!;
      for (const page of pages ?? []) {
        for (const flow of page.flows) {
          all.push(toRow(channel, flow, details.get(detailId(channel.accountId, channel.channelId, flow.id))));
        }
      }
    });
    return all;
    // `version` stands for the contents of `details`, which is mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channels, version, pageData]);

  return { rows, loads };
}
