/**
 * Flow JSON kept in the index, so an unchanged flow reopens without a download.
 *
 * What says "unchanged": the flow's live details (or assets call) still point at the same CDN
 * object, i.e. the same link once its query is dropped. The query of a flow JSON CDN link is its
 * signature and expiry (`oh`, `oe`, `_nc_sid`, …), which change on every read; the host and path
 * name the uploaded file, and a new upload gets a new path. If a provider ever gave a new path
 * for the same file, the only cost is a download (never a stale answer). A flow JSON served from
 * a provider's own API has no such name: it is downloaded every time (and still stored once per
 * sha256).
 */
import { createHash } from 'node:crypto';
import type { ChannelRef } from '../../src/model/flow';
import type { Store } from '../store/store';
import type { DownloadResult } from './download';

/** The CDN object a flow JSON link names: the link without its query (signature, expiry) and fragment. */
export function assetIdentity(url: string): string | null {
  const parsed = URL.parse(url);
  return parsed ? `${parsed.origin}${parsed.pathname}` : null;
}

/** The text stored for this flow from the same asset, or null (no index, never stored, another asset, or the index down). */
export async function storedFlowJson(store: Store | undefined, ref: ChannelRef, flowId: string, url: string): Promise<string | null> {
  const source = assetIdentity(url);
  if (!store || !source) return null;
  try {
    return (await store.storedJson(ref, flowId, source))?.text ?? null;
  } catch {
    return null;
  }
}

/**
 * Stores a downloaded flow JSON (once per sha256) with the asset it came from (null: served by
 * the provider's API). Text that is not UTF-8 is not stored: it could not be served byte for byte.
 */
export async function rememberFlowJson(store: Store | undefined, ref: ChannelRef, flowId: string, body: Uint8Array, url: string | null, now = new Date()): Promise<void> {
  if (!store) return;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return;
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  await store.recordJson(ref, flowId, sha256, text, now.toISOString(), url === null ? null : assetIdentity(url)).catch(() => {});
}

/**
 * The flow JSON behind `url`: from the index when it holds this flow's JSON from the same asset,
 * else downloaded (and then stored). Runs as one shared task per download key, so callers
 * opening the same flow at once share one store read or one download.
 */
export async function storedOrDownloaded(store: Store | undefined, ref: ChannelRef, flowId: string, url: string, download: () => Promise<DownloadResult>): Promise<DownloadResult> {
  const stored = await storedFlowJson(store, ref, flowId, url);
  if (stored !== null) {
    const body = new TextEncoder().encode(stored);
    return { ok: true, body, text: stored, bytes: body.byteLength, finalUrl: url };
  }
  const result = await download();
  if (result.ok) void rememberFlowJson(store, ref, flowId, result.body, url);
  return result;
}
