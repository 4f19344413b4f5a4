/**
 * Data a page needs first, announced in its HTML (`<link rel="preload" as="fetch">`), so the
 * browser asks for it while it loads the app's scripts rather than after they have run: the
 * session and the accounts (every page waits for them), and a comparison link's changed lines (a
 * few KB, computed once on the server). The app's own request for the same URL is then answered
 * from the preload.
 */
import { matchPath } from 'react-router';
import { ACCOUNTS_PATH, jsonChangesPath, SESSION_PATH } from '../src/api/paths';
import { paths } from '../src/config/paths';
import { linkedComparison } from '../src/features/flow-history/model';

/** API paths the page at `url` asks for first and the browser may fetch ahead. */
export function pagePreloads(url: URL): string[] {
  return [SESSION_PATH, ACCOUNTS_PATH, ...comparisonPreloads(url)];
}

function comparisonPreloads(url: URL): string[] {
  const match = matchPath(paths.flow.path, url.pathname);
  if (!match) return [];
  let params: Record<string, string>;
  try {
    // Decoded, as the app's router gives them to the page.
    params = Object.fromEntries(Object.entries(match.params).map(([key, value]) => [key, decodeURIComponent(value ?? '')]));
  } catch {
    return [];
  }
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
