/**
 * Flow JSON downloads as the proxy serves them: through one DownloadPool per proxy (shared
 * identical downloads, bounded concurrency and queue) and streamed to the client from the shared
 * buffer with backpressure and a read deadline.
 *
 * Limits (environment, read when the proxy is built):
 * - FLOWDESK_DOWNLOADS_RUNNING: distinct downloads at once (default 4)
 * - FLOWDESK_DOWNLOADS_QUEUED: distinct downloads waiting (default 16); past it, "busy"
 * - FLOWDESK_CLIENT_IDLE_S: a client that reads nothing for this long is cut off (default 10)
 */
import { z } from 'zod';
import { problem, type ProblemResult } from '../problems';
import { DEFAULT_STREAM_LIMITS, streamBuffer } from '../http/stream-answer';
import { BUSY, DEFAULT_DOWNLOAD_LIMITS, DownloadPool } from './download-pool';
import type { DownloadResult } from './download';

const positive = (fallback: number) => z.coerce.number().int().positive().max(1_000_000).default(fallback);
const limitsSchema = z.object({
  FLOWDESK_DOWNLOADS_RUNNING: positive(DEFAULT_DOWNLOAD_LIMITS.maxRunning),
  FLOWDESK_DOWNLOADS_QUEUED: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_DOWNLOAD_LIMITS.maxQueued),
  FLOWDESK_CLIENT_IDLE_S: positive(DEFAULT_STREAM_LIMITS.idleMs / 1000),
});

export interface DownloadLimits {
  maxRunning: number;
  maxQueued: number;
  idleMs: number;
}

export function downloadLimitsFromEnv(env: Record<string, string | undefined> = process.env): DownloadLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return { maxRunning: e.FLOWDESK_DOWNLOADS_RUNNING, maxQueued: e.FLOWDESK_DOWNLOADS_QUEUED, idleMs: e.FLOWDESK_CLIENT_IDLE_S * 1000 };
}

interface Shared {
  pool: DownloadPool<DownloadResult>;
  limits: DownloadLimits;
}

const pools = new WeakMap<object, Shared>();

function sharedFor(owner: object): Shared {
  let shared = pools.get(owner);
  if (!shared) {
    const limits = downloadLimitsFromEnv();
    shared = { pool: new DownloadPool<DownloadResult>(limits), limits };
    pools.set(owner, shared);
  }
  return shared;
}

/** The proxy's pool (one per proxy context); tests give their own limits with `configureDownloads`. */
export function configureDownloads(owner: object, limits: Partial<DownloadLimits>): DownloadPool<DownloadResult> {
  const full = { ...downloadLimitsFromEnv({}), ...limits };
  const shared = { pool: new DownloadPool<DownloadResult>(full), limits: full };
  pools.set(owner, shared);
  return shared.pool;
}

export function poolOf(owner: object): DownloadPool<DownloadResult> {
  return sharedFor(owner).pool;
}

/** The download of `key` (flow and URL), shared with identical ones under way; a busy Problem past the limits. */
export async function sharedDownload(
  owner: object,
  key: string,
  download: (signal: AbortSignal) => Promise<DownloadResult>,
  signal: AbortSignal,
): Promise<DownloadResult | ProblemResult> {
  const result = await sharedFor(owner).pool.run(key, download, signal);
  if (result !== BUSY) return result;
  const wait = DEFAULT_DOWNLOAD_LIMITS.busyRetryAfterSeconds;
  return problem(503, {
    kind: 'rate_limited',
    retryAfterSeconds: wait,
    message: `Flow Desk is busy with other flow JSON downloads; retrying in ${wait} s.`,
  });
}

/** The downloaded body, streamed as the client reads it; cut off when the client stops reading. */
export function flowJsonBody(owner: object, body: Uint8Array, onCutOff?: (reason: 'idle' | 'total') => void): ReadableStream<Uint8Array> {
  return streamBuffer(body, { idleMs: sharedFor(owner).limits.idleMs, onCutOff });
}
