/**
 * Started by the flow route as soon as its URL is known, before the page's code has loaded: a
 * comparison deep link (`?view=diff&from=&to=`) names both versions, so the changed lines (or, for
 * `&whole=1`, both documents, the diff worker and the merge view's chunk) load while the page's
 * own code does, instead of after it.
 */
import type { QueryClient } from '@tanstack/react-query';
import { jsonChangesQueryOptions } from '../../api/history';
import { linkedComparison } from './model';

export function prefetchComparison(queryClient: QueryClient, params: { accountId?: string; channelId?: string; flowId?: string }, url: URL): void {
  const linked = linkedComparison(params, url.searchParams);
  if (!linked) return;
  const { ref, flowId, from, to } = linked;
  if (!linked.whole) {
    // The server's page asked the browser to preload it already (server/page-preloads.ts).
    void queryClient.prefetchQuery(jsonChangesQueryOptions(ref, flowId, from, to));
    return;
  }
  // The whole documents' code (the diff worker's client, the merge view) loads only for them.
  void import('./queries')
    .then(({ versionDiffQueryOptions, warmDiffWorker }) => {
      warmDiffWorker();
      return queryClient.prefetchQuery(versionDiffQueryOptions(ref, flowId, { from, to }));
    })
    .catch(() => {});
  void import('./diff/WholeDocuments').catch(() => {});
}
