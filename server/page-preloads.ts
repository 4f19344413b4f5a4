/**
 * Data a page needs first, announced in its HTML (`<link rel="preload" as="fetch">`), so the
 * browser asks for it while it loads the app's scripts rather than after they have run: the
 * session and the accounts (every page waits for them), and a comparison link's changed lines (a
 * few KB, computed once on the server), and a channel link's first page of flows (from the index
 * once the channel is synced: asked for with the HTML, it is answered while the app's scripts load,
 * instead of after the list page has run). The app's own request for the same URL is then
 * answered from the preload.
 */
import { matchPath } from 'react-router';
import { ACCOUNTS_PATH, channelFlowsPath, jsonChangesPath, SESSION_PATH } from '../src/api/paths';
import { paths } from '../src/config/paths';
import { linkedComparison } from '../src/features/flow-history/model';

/** API paths the page at `url` asks for first and the browser may fetch ahead. */
export function pagePreloads(url: URL): string[] {
  return [SESSION_PATH, ACCOUNTS_PATH, ...channelPreloads(url), ...comparisonPreloads(url)];
}

/** Route parameters as the app's router gives them to the page (decoded); null when malformed. */
function decodedParams(params: Record<string, string | undefined>): Record<string, string> | null {
  try {
    return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, decodeURIComponent(value ?? '')]));
  } catch {
    return null;
  }
}

/** The first page of a channel's flows, which the list page asks for first (no cursor). */
function channelPreloads(url: URL): string[] {
  const match = matchPath(paths.channelFlows.path, url.pathname);
  const params = match && decodedParams(match.params);
  if (!params?.accountId || !params.channelId) return [];
  return [channelFlowsPath({ accountId: params.accountId, channelId: params.channelId })];
}

function comparisonPreloads(url: URL): string[] {
  const match = matchPath(paths.flow.path, url.pathname);
  if (!match) return [];
  const params = decodedParams(match.params);
  if (!params) return [];
  const linked = linkedComparison(params, url.searchParams);
  if (!linked || linked.whole) return [];
  return [jsonChangesPath(linked.ref, linked.flowId, linked.from, linked.to)];
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The app's HTML with the preloads of the page at `url` at the end of its <head>. */
export function withPreloads(html: string, url: URL): string {
  const links = pagePreloads(url).map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${attribute(href)}">`);
  return html.replace('</head>', `${links.join('')}</head>`);
}
