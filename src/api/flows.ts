/** The flow resources of the proxy: query keys and request functions, defined once. */
import { experimental_streamedQuery as streamedQuery, queryOptions } from '@tanstack/react-query';
import { LineStartScanner } from '../lib/json-positions/lines';
import { allPages } from '../lib/paging';
import { RequestBudget } from '../lib/request-budget';
import { FlowDetailSchema, FlowPageSchema, FlowPreviewSchema, type ChannelRef, type FlowPage, type ProviderId } from '../model/flow';
import { ApiError, getJson, getText } from './client';

const channelPath = (ref: ChannelRef) =>
  `/api/flows/${encodeURIComponent(ref.provider)}/${encodeURIComponent(ref.accountId)}/${encodeURIComponent(ref.channelId)}`;
const flowPath = (ref: ChannelRef, flowId: string) => `${channelPath(ref)}/${encodeURIComponent(flowId)}`;
const channelKey = (ref: ChannelRef) => [ref.provider, ref.accountId, ref.channelId] as const;

export const flowKeys = {
  all: ['flows'] as const,
  list: (ref: ChannelRef) => ['flows', 'list', ...channelKey(ref)] as const,
  details: (ref: ChannelRef) => ['flows', 'detail', ...channelKey(ref)] as const,
  detail: (ref: ChannelRef, flowId: string) => ['flows', 'detail', ...channelKey(ref), flowId] as const,
  json: (ref: ChannelRef, flowId: string) => ['flows', 'json', ...channelKey(ref), flowId] as const,
  preview: (ref: ChannelRef, flowId: string) => ['flows', 'preview', ...channelKey(ref), flowId] as const,
};

const fetchPage = (ref: ChannelRef, cursor: string | undefined, signal: AbortSignal): Promise<FlowPage> =>
  getJson(`${channelPath(ref)}${cursor ? `?after=${encodeURIComponent(cursor)}` : ''}`, (b) => FlowPageSchema.parse(b), signal);

/** Every page of a channel's flows; `data` grows page by page while the rest arrive. */
export const flowListQueryOptions = (ref: ChannelRef) =>
  queryOptions({
    queryKey: flowKeys.list(ref),
    queryFn: streamedQuery({ streamFn: ({ signal }) => allPages((cursor) => fetchPage(ref, cursor, signal)) }),
    staleTime: 5 * 60_000,
  });

/**
 * Client-side pacing of detail calls, per provider: 8x8 documents 100 requests per minute per
 * API key, and the list page asks for details of every row on screen. The proxy enforces the
 * same budget; pacing here keeps the queue visible and drops rows scrolled away.
 */
const detailBudgets: Partial<Record<ProviderId, RequestBudget>> = {
  '8x8': new RequestBudget({ limit: 90, windowMs: 60_000, concurrency: 4 }),
  kaleyra: new RequestBudget({ limit: 600, windowMs: 60_000, concurrency: 4 }),
};

export const flowDetailQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: flowKeys.detail(ref, flowId),
    queryFn: ({ signal }) => {
      const run = () => getJson(flowPath(ref, flowId), (b) => FlowDetailSchema.parse(b), signal);
      const budget = detailBudgets[ref.provider];
      return budget ? budget.schedule(run, signal) : run();
    },
    staleTime: 5 * 60_000,
  });

export const FLOW_JSON_TEXT_MARK = 'flow-json:text';

/** A flow JSON text and where its lines start (found while it downloaded). */
export interface FlowJsonText {
  text: string;
  lineStarts: Uint32Array;
}

/** The flow JSON text, exactly as downloaded by the proxy from the provider's CDN link. */
export const flowJsonQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: flowKeys.json(ref, flowId),
    queryFn: async ({ signal }): Promise<FlowJsonText> => {
      const lines = new LineStartScanner();
      const text = await getText(`${flowPath(ref, flowId)}/json`, signal, (piece) => lines.push(piece));
      // For the browser's performance panel and scripts/bench-viewer.ts: the whole text is in JavaScript.
      performance.mark(FLOW_JSON_TEXT_MARK);
      return { text, lineStarts: lines.finish() };
    },
    structuralSharing: false,
    staleTime: 10 * 60_000,
    // Only "busy" (the server's download limit; it says when to retry) is worth a retry here.
    retry: (failures, error) => failures < 3 && error instanceof ApiError && error.problem.kind === 'rate_limited',
  });

/** A preview link from providers that hand it out by a call of its own (8x8). */
export const flowPreviewQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: flowKeys.preview(ref, flowId),
    queryFn: ({ signal }) => getJson(`${flowPath(ref, flowId)}/preview`, (b) => FlowPreviewSchema.parse(b), signal),
    staleTime: 30 * 60_000,
  });
