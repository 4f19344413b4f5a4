/** The flow resources of the proxy: query keys and request functions, defined once. */
import { experimental_streamedQuery as streamedQuery, queryOptions } from '@tanstack/react-query';
import { LineStartScanner } from '../lib/json-positions/lines';
import { allPages } from '../lib/paging';
import { RequestBudget } from '../lib/request-budget';
import { FlowPageSchema, FlowPreviewSchema, parseFlowDetail, type ChannelRef, type FlowPage, type RateLimit } from '../model/flow';
import { ApiError, getJson, getText } from './client';
import { channelFlowsPath, flowPath } from './paths';

const channelKey = (ref: ChannelRef) => [ref.accountId, ref.channelId] as const;

export const flowKeys = {
  all: ['flows'] as const,
  list: (ref: ChannelRef) => ['flows', 'list', ...channelKey(ref)] as const,
  details: (ref: ChannelRef) => ['flows', 'detail', ...channelKey(ref)] as const,
  detail: (ref: ChannelRef, flowId: string) => ['flows', 'detail', ...channelKey(ref), flowId] as const,
  json: (ref: ChannelRef, flowId: string) => ['flows', 'json', ...channelKey(ref), flowId] as const,
  preview: (ref: ChannelRef, flowId: string) => ['flows', 'preview', ...channelKey(ref), flowId] as const,
};

const fetchPage = (ref: ChannelRef, cursor: string | undefined, signal: AbortSignal): Promise<FlowPage> =>
  getJson(`${channelFlowsPath(ref)}${cursor ? `?after=${encodeURIComponent(cursor)}` : ''}`, (b) => FlowPageSchema.parse(b), signal);

/** Every page of a channel's flows; `data` grows page by page while the rest arrive. */
export const flowListQueryOptions = (ref: ChannelRef) =>
  queryOptions({
    queryKey: flowKeys.list(ref),
    queryFn: streamedQuery({ streamFn: ({ signal }) => allPages((cursor) => fetchPage(ref, cursor, signal)) }),
    staleTime: 5 * 60_000,
  });

/**
 * Client-side pacing of detail calls, per account, at 90% of the budget the server states for
 * its provider (the list page asks for details of every row on screen). The proxy enforces the
 * budget itself; pacing here keeps the queue visible and drops rows scrolled away.
 */
const detailBudgets = new Map<string, RequestBudget>();
function detailBudget(accountId: string, rateLimit: RateLimit): RequestBudget {
  let budget = detailBudgets.get(accountId);
  if (!budget) {
    budget = new RequestBudget({ limit: Math.max(1, Math.floor(rateLimit.requests * 0.9)), windowMs: rateLimit.perMs, concurrency: 4 });
    detailBudgets.set(accountId, budget);
  }
  return budget;
}

/** A flow's details; with `rateLimit` (the account's, on the list page) the calls are paced. */
export const flowDetailQueryOptions = (ref: ChannelRef, flowId: string, rateLimit?: RateLimit) =>
  queryOptions({
    queryKey: flowKeys.detail(ref, flowId),
    queryFn: ({ signal }) => {
      const run = () => getJson(flowPath(ref, flowId), parseFlowDetail, signal);
      return rateLimit ? detailBudget(ref.accountId, rateLimit).schedule(run, signal) : run();
    },
    staleTime: 5 * 60_000,
  });

export const FLOW_JSON_TEXT_MARK = 'flow-json:text';

/** A flow JSON text and where its lines start (found while it downloaded). */
export interface FlowJsonText {
  text: string;
  lineStarts: Uint32Array;
}

/** Somewhere a downloading text is copied to as it arrives: its pieces in order, then the whole text, or `drop` when the download fails. */
export interface TextCopy {
  push(piece: string): void;
  end(text: string): void;
  drop(): void;
}

/**
 * The flow JSON text, exactly as downloaded by the proxy from the provider's CDN link. With
 * `copyTo`, each download is also copied, piece by piece, to the copy it makes.
 */
export const flowJsonQueryOptions = (ref: ChannelRef, flowId: string, copyTo?: () => TextCopy) =>
  queryOptions({
    queryKey: flowKeys.json(ref, flowId),
    queryFn: async ({ signal }): Promise<FlowJsonText> => {
      const lines = new LineStartScanner();
      const copy = copyTo?.();
      let text: string;
      try {
        text = await getText(`${flowPath(ref, flowId)}/json`, signal, (piece) => {
          lines.push(piece);
          copy?.push(piece);
        });
      } catch (error) {
        copy?.drop();
        throw error;
      }
      copy?.end(text);
      // For the browser's performance panel and scripts/bench-viewer.ts: the whole text is in JavaScript.
      performance.mark(FLOW_JSON_TEXT_MARK);
      return { text, lineStarts: lines.finish() };
    },
    structuralSharing: false,
    staleTime: 10 * 60_000,
    // Only "busy" (the server's download limit; it says when to retry) is worth a retry here.
    retry: (failures, error) => failures < 3 && error instanceof ApiError && error.problem.kind === 'rate_limited',
  });

/** A preview link from providers that hand it out by a call of its own. */
export const flowPreviewQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: flowKeys.preview(ref, flowId),
    queryFn: ({ signal }) => getJson(`${flowPath(ref, flowId)}/preview`, (b) => FlowPreviewSchema.parse(b), signal),
    staleTime: 30 * 60_000,
  });
