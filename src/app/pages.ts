/**
 * Each page of the app: its route and the module that holds it (loaded when the route is first
 * opened). One table for the router, which loads the module, and for the server, which announces
 * a page's code in its HTML (`modulepreload`, from the build's manifest) so the browser fetches it
 * with the app's first chunk instead of after that chunk has run.
 */
import { paths } from '../config/paths';

export interface PageModule {
  /** The route (react-router's pattern). */
  path: string;
  /** The module, from the project's root, as the build manifest names it. */
  module: `src/features/${string}Page.tsx`;
  /** The component the module exports. */
  component: string;
}

export const PAGES = [
  { path: paths.home.path, module: 'src/features/channels/ChannelsPage.tsx', component: 'ChannelsPage' },
  { path: paths.allFlows.path, module: 'src/features/flow-list/FlowListPage.tsx', component: 'FlowListPage' },
  { path: paths.changes.path, module: 'src/features/changes/ChangesPage.tsx', component: 'ChangesPage' },
  { path: paths.search.path, module: 'src/features/search/SearchPage.tsx', component: 'SearchPage' },
  { path: paths.channelFlows.path, module: 'src/features/flow-list/FlowListPage.tsx', component: 'FlowListPage' },
  { path: paths.flow.path, module: 'src/features/flow-detail/FlowDetailPage.tsx', component: 'FlowDetailPage' },
  { path: paths.audit.path, module: 'src/features/audit/AuditPage.tsx', component: 'AuditPage' },
] as const satisfies readonly PageModule[];
