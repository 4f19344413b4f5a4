import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { accountsQueryOptions } from '../api/accounts';
import { sessionQueryOptions } from '../api/session';
import { paths } from '../config/paths';
import { prefetchComparison } from '../features/flow-history/prefetch';
import { Layout } from './Layout';
import { LegacyRedirect } from './LegacyRedirect';
import { NotFound, RouteError } from './RouteError';

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      path: '/',
      Component: Layout,
      ErrorBoundary: RouteError,
      // Every page needs the configured accounts; start fetching them with the first paint.
      // A comparison deep link starts its data and code now too: a child route's loader would
      // run only once the child's lazy page module has loaded.
      loader: ({ params, request }) => {
        void queryClient.prefetchQuery(accountsQueryOptions());
        void queryClient.prefetchQuery(sessionQueryOptions());
        prefetchComparison(queryClient, params, new URL(request.url));
        return null;
      },
      children: [
        { index: true, lazy: () => import('../features/channels/ChannelsPage').then((m) => ({ Component: m.ChannelsPage })) },
        { path: paths.allFlows.path, lazy: () => import('../features/flow-list/FlowListPage').then((m) => ({ Component: m.FlowListPage })) },
        { path: paths.changes.path, lazy: () => import('../features/changes/ChangesPage').then((m) => ({ Component: m.ChangesPage })) },
        { path: paths.search.path, lazy: () => import('../features/search/SearchPage').then((m) => ({ Component: m.SearchPage })) },
        { path: paths.channelFlows.path, lazy: () => import('../features/flow-list/FlowListPage').then((m) => ({ Component: m.FlowListPage })) },
        {
          path: paths.flow.path,
          lazy: () => import('../features/flow-detail/FlowDetailPage').then((m) => ({ Component: m.FlowDetailPage })),
        },
        { path: paths.audit.path, lazy: () => import('../features/audit/AuditPage').then((m) => ({ Component: m.AuditPage })) },
        { path: paths.legacyChannelFlows.path, Component: LegacyRedirect },
        { path: paths.legacyFlow.path, Component: LegacyRedirect },
        { path: '*', Component: NotFound },
      ],
    },
  ]);
}
