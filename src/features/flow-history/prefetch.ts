/**
 * Started by the flow route as soon as its URL is known, before the page's code has loaded: a
 * comparison deep link (`?view=diff&from=&to=`) names both versions, so the changed lines (or, for
 * `&whole=1`, both documents, the diff worker and the merge view's chunk) load while the page's
 * own code does, instead of after it.
 */
import type { QueryClient } from '@tanstack/react-query';
import { jsonChangesQueryOptions } from '../../api/history';
import { linkedComparison } from './model';

type Params = { accountId?: string; channelId?: string; flowId?: string };

export function prefetchComparison(queryClient: QueryClient, params: Params, url: URL): void {
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

/**
 * Whether a navigation links to another comparison than the page showed (another pair, or the
 * whole documents instead of the changed lines): the route then prefetches it again.
 */
export function comparisonLinkChanged(from: { params: Params; url: URL }, to: { params: Params; url: URL }): boolean {
  const key = ({ params, url }: { params: Params; url: URL }) => {
    const linked = linkedComparison(params, url.searchParams);
    return linked && `${linked.from}\n${linked.to}\n${linked.whole}`;
  };
  return key(from) !== key(to);
}
