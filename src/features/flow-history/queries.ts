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

export { warmDiffWorker } from './diff/client';
import type { Comparison } from './model';

const ignorePiece = () => {};

export const versionDiffQueryOptions = (ref: ChannelRef, flowId: string, { from, to }: Comparison) =>
  queryOptions({
    queryKey: historyKeys.versionDiff(ref, flowId, from, to),
    queryFn: async ({ signal }) => {
      const paths = [jsonVersionPath(ref, flowId, from), jsonVersionPath(ref, flowId, to)] as const;
      // Read as streams, decoded piece by piece: Response.text() decodes 10 MB in one long task.
      const [a, b] = await Promise.all(paths.map((path) => getText(path, signal, ignorePiece)));
      // The editors' documents are built meanwhile, a piece at a time (the viewer's chunk is loading already).
      void import('./diff/docs').then(({ docsOf }) => docsOf(a!, b!)).catch(() => {});
      return diffVersionsOffThread(paths, a!, b!);
    },
    staleTime: Infinity,
    // Two texts of up to 10 MB each: not kept long once no view shows them.
    gcTime: 60_000,
    structuralSharing: false,
  });
