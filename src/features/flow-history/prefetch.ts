/**
 * Started by the flow route as soon as its URL is known, before the page's code has loaded: a
 * comparison deep link (`?view=diff&from=&to=`) names both versions, so their download, the diff
 * worker and the chunks that will show them start at once instead of one after another.
 */
import type { QueryClient } from '@tanstack/react-query';
import { warmDiffWorker } from './diff/client';
import { versionDiffQueryOptions } from './queries';
import { readHistoryUrlState } from './model';

export function prefetchComparison(queryClient: QueryClient, params: { accountId?: string; channelId?: string; flowId?: string }, url: URL): void {
  const { accountId, channelId, flowId } = params;
  const state = readHistoryUrlState(url.searchParams);
  if (state.view !== 'diff' || !state.from || !state.to || !accountId || !channelId || !flowId) return;
  warmDiffWorker();
  void queryClient.prefetchQuery(versionDiffQueryOptions({ accountId, channelId }, flowId, { from: state.from, to: state.to }));
  void import('./FlowHistorySection').catch(() => {});
  void import('./diff/JsonDiffViewer').catch(() => {});
}
