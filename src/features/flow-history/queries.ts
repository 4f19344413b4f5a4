/**
 * The comparison of two stored versions (both texts, as shown, and their changes), cached per
 * pair: versions are immutable. Small enough for the app's first chunk, so the flow route can
 * start it before the page's own code has loaded (see prefetch.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { getText } from '../../api/client';
import { historyKeys, jsonVersionPath } from '../../api/history';
import type { ChannelRef } from '../../model/flow';
import { diffVersionsOffThread } from './diff/client';
import type { Comparison } from './model';

export const versionDiffQueryOptions = (ref: ChannelRef, flowId: string, { from, to }: Comparison) =>
  queryOptions({
    queryKey: historyKeys.versionDiff(ref, flowId, from, to),
    queryFn: async ({ signal }) => {
      const [a, b] = await Promise.all([getText(jsonVersionPath(ref, flowId, from), signal), getText(jsonVersionPath(ref, flowId, to), signal)]);
      return diffVersionsOffThread(a, b);
    },
    staleTime: Infinity,
    // Two texts of up to 10 MB each: not kept long once no view shows them.
    gcTime: 60_000,
    structuralSharing: false,
  });
