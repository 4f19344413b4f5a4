/**
 * What a page needs first, announced in its HTML so the browser fetches it while it loads the
 * app's first chunk rather than after that chunk has run:
 * - data (`<link rel="preload" as="fetch">`): the session and the accounts (every page waits for
 *   them), a comparison link's changed lines (a few KB, computed once on the server), and a channel
 *   link's first page of flows (from the index once the channel is synced); the app's own request
 *   for the same URL is then answered from the preload;
 * - the page's own code (`<link rel="modulepreload">`, and its stylesheet), from the build's
 *   manifest: the page's chunk and every chunk it imports that the first chunk does not.
 */
import { matchPath } from 'react-router';
import { ACCOUNTS_PATH, channelFlowsPath, jsonChangesPath, SESSION_PATH } from '../src/api/paths';
import { PAGES } from '../src/app/pages';
import { paths } from '../src/config/paths';
import { linkedComparison } from '../src/features/flow-history/model';

/** Vite's build manifest (`dist/.vite/manifest.json`): each chunk by its source (or its own key), with what it imports. */
export type BuildManifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

/** The files a page's code is in: scripts and stylesheets, as paths from the site's root. */
export interface PageFiles {
  scripts: string[];
  styles: string[];
}

/** Every chunk `key` needs, itself first, with each chunk's imports after it (each once). */
function chunksOf(manifest: BuildManifest, key: string, seen = new Set<string>()): string[] {
  if (seen.has(key) || !manifest[key]) return [];
  seen.add(key);
  return [key, ...(manifest[key].imports ?? []).flatMap((k) => chunksOf(manifest, k, seen))];
}

/**
 * For each page module of the app (PAGES), the files its route loads beyond what the app's HTML
 * loads already (the entry chunk and its imports). Null without a manifest (the dev server).
 */
export function pageFilesFrom(manifest: BuildManifest | null): Map<string, PageFiles> | null {
  if (!manifest) return null;
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const loaded = new Set(entry ? chunksOf(manifest, entry) : []);
  const files = new Map<string, PageFiles>();
  for (const { module } of PAGES) {
    const chunks = chunksOf(manifest, module).filter((key) => !loaded.has(key));
    files.set(module, {
      scripts: chunks.map((key) => `/${manifest[key]!.file}`),
      styles: chunks.flatMap((key) => (manifest[key]!.css ?? []).map((file) => `/${file}`)),
    });
  }
  return files;
}

/** The page module whose route matches `url` (as the app's router picks it), if any. */
const pageAt = (url: URL) => PAGES.find((page) => matchPath(page.path, url.pathname))?.module ?? null;

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

/**
 * The app's HTML with the preloads of the page at `url`: its data before the app's first script
 * (the browser asks in document order, and a page's thirty-odd scripts share six connections to the
 * server, so data announced after them waited for them), its code (with `pageFiles`, see
 * pageFilesFrom) at the end of the <head>.
 */
export function withPreloads(html: string, url: URL, pageFiles: Map<string, PageFiles> | null = null): string {
  const data = pagePreloads(url).map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${attribute(href)}">`).join('');
  const module = pageAt(url);
  const code = module ? pageFiles?.get(module) : undefined;
  // As the app's own HTML announces its first chunk's imports (same credentials mode, so the
  // preloaded module is the one the import uses).
  const scripts = (code?.scripts ?? []).map((href) => `<link rel="modulepreload" crossorigin href="${attribute(href)}">`);
  const styles = (code?.styles ?? []).map((href) => `<link rel="preload" as="style" crossorigin href="${attribute(href)}">`);
  const head = html.indexOf('<head>');
  const firstScript = html.indexOf('<script', head);
  const dataAt = firstScript >= 0 && firstScript < html.indexOf('</head>') ? firstScript : html.indexOf('</head>');
  const withData = html.slice(0, dataAt) + data + html.slice(dataAt);
  return withData.replace('</head>', `${[...scripts, ...styles].join('')}</head>`);
}
