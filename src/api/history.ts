/** Flow history, stored JSON versions and the fleet-wide change feed: query keys and request functions. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import type { ChannelRef } from '../model/flow';
import { ChangeFeedSchema, FlowHistorySchema, JsonChangesSchema, JsonVersionSchema } from '../model/history';
import { getJson } from './client';
import { flowPath, jsonChangesPath } from './paths';

const flowKey = (ref: ChannelRef, flowId: string) => [ref.accountId, ref.channelId, flowId] as const;

/** Filters of the change feed, as the server reads them (`from`/`to` ISO times). */
export interface ChangeFeedQuery {
  from?: string;
  to?: string;
  provider?: string;
  account?: string;
  kind?: string;
  toStatus?: string;
  toHealth?: string;
  offset?: number;
}

export function changeFeedParams(q: ChangeFeedQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && !(k === 'offset' && v === 0)) p.set(k, String(v));
  return p;
}

export const historyKeys = {
  all: ['history'] as const,
  flow: (ref: ChannelRef, flowId: string) => ['history', 'flow', ...flowKey(ref, flowId)] as const,
  versions: (ref: ChannelRef, flowId: string) => ['history', 'versions', ...flowKey(ref, flowId)] as const,
  versionDiff: (ref: ChannelRef, flowId: string, from: string, to: string) => ['history', 'diff', ...flowKey(ref, flowId), from, to] as const,
  changes: (ref: ChannelRef, flowId: string, from: string, to: string) => ['history', 'json-changes', ...flowKey(ref, flowId), from, to] as const,
  feed: (q: ChangeFeedQuery) => ['history', 'feed', changeFeedParams(q).toString()] as const,
};

/** `GET …/flows/:f/history`: the flow's timeline, newest first. */
export const flowHistoryQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: historyKeys.flow(ref, flowId),
    queryFn: ({ signal }) => getJson(`${flowPath(ref, flowId)}/history`, (b) => FlowHistorySchema.parse(b), signal),
    staleTime: 30_000,
  });

const JsonVersionListSchema = z.object({ versions: z.array(JsonVersionSchema) });

/** `GET …/flows/:f/json-versions`: stored versions of the flow JSON, newest first. */
export const jsonVersionsQueryOptions = (ref: ChannelRef, flowId: string) =>
  queryOptions({
    queryKey: historyKeys.versions(ref, flowId),
    queryFn: ({ signal }) => getJson(`${flowPath(ref, flowId)}/json-versions`, (b) => JsonVersionListSchema.parse(b).versions, signal),
    staleTime: 30_000,
  });

export { jsonChangesPath, jsonVersionPath } from './paths';

/** `GET …/flows/:f/json-changes/:from/:to`: the changed lines between two stored versions. */
export const jsonChangesQueryOptions = (ref: ChannelRef, flowId: string, from: string, to: string) =>
  queryOptions({
    queryKey: historyKeys.changes(ref, flowId, from, to),
    queryFn: ({ signal }) => getJson(jsonChangesPath(ref, flowId, from, to), (b) => JsonChangesSchema.parse(b), signal),
    staleTime: Infinity,
  });

/** `GET /api/changes?…`: every recorded change in a range across the fleet. */
export const changeFeedQueryOptions = (q: ChangeFeedQuery) =>
  queryOptions({
    queryKey: historyKeys.feed(q),
    queryFn: ({ signal }) => getJson(`/api/changes?${changeFeedParams(q)}`, (b) => ChangeFeedSchema.parse(b), signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
