import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { accountsQueryOptions } from '../api/accounts';
import { sessionQueryOptions } from '../api/session';
import { paths } from '../config/paths';
import { comparisonLinkChanged, prefetchComparison } from '../features/flow-history/prefetch';
import { Layout } from './Layout';
import { LegacyRedirect } from './LegacyRedirect';
import { PAGES } from './pages';
import { NotFound, RouteError } from './RouteError';

/** The page modules, each its own chunk, by their path from the project's root (as in PAGES). */
const pageModules = import.meta.glob<Record<string, ComponentType>>('/src/features/*/*Page.tsx');

export async function loadPage(module: string, component: string): Promise<{ Component: ComponentType }> {
  const load = pageModules[`/${module}`];
  const Component = load ? (await load())[component] : undefined;
  if (!Component) throw new Error(`The page module ${module} does not export ${component}.`);
  return { Component };
}

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
      // Its prefetches are for a page's first load, and for a comparison linked: another change of
      // the query alone (a keystroke in the search box, a filter) does not run it again, and such a
      // navigation is then one render, where a loader makes it two ("loading", then the new URL).
      shouldRevalidate: ({ currentUrl, nextUrl, currentParams, nextParams, defaultShouldRevalidate }) =>
        defaultShouldRevalidate && (currentUrl.pathname !== nextUrl.pathname || comparisonLinkChanged({ params: currentParams, url: currentUrl }, { params: nextParams, url: nextUrl })),
      children: [
        ...PAGES.map(({ path, module, component }) => ({ ...(path === '/' ? { index: true } : { path }), lazy: () => loadPage(module, component) })),
        { path: paths.legacyChannelFlows.path, Component: LegacyRedirect },
        { path: paths.legacyFlow.path, Component: LegacyRedirect },
        { path: '*', Component: NotFound },
      ],
    },
  ]);
}
