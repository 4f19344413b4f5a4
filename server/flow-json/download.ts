import type { Redactor } from '../redact';
import { abortable, isBodyTooLarge, readLimited } from '../http/limited-body';
import { checkFlowJsonUrl } from './asset-url';
import { ADDRESS_REFUSED_CODE } from './public-address';

export type DownloadFailureKind =
  | 'json_url_refused'
  | 'json_url_expired'
  | 'json_too_large'
  | 'timeout'
  | 'unreachable'
  | 'provider_error';

export type DownloadResult =
  | { ok: true; /** The body as downloaded (never decoded on the way to the browser). */ body: Uint8Array; /** The body decoded as UTF-8. */ readonly text: string; bytes: number; finalUrl: string }
  | { ok: false; kind: DownloadFailureKind; status: number; message: string; upstreamStatus: number | null };

export interface DownloadOptions {
  /** Operator-trusted `host` / `host:port` entries from FLOW_ASSET_HOSTS. */
  extraHosts: string[];
  /** Injected by tests and the simulator; when given, the safe undici dispatcher is not used. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Aborting it (e.g. the browser went away) rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Meta's cap on flow JSON size. */
export const DEFAULT_MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const EXPIRED_STATUSES = new Set([403, 404, 410]);

const fail = (
  kind: DownloadFailureKind,
  status: number,
  message: string,
  upstreamStatus: number | null = null,
): DownloadResult => ({ ok: false, kind, status, message, upstreamStatus });

export async function downloadFlowJson(rawUrl: string, options: DownloadOptions): Promise<DownloadResult> {
  const {
    extraHosts,
    timeoutMs = DEFAULT_DOWNLOAD_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_FLOW_JSON_BYTES,
    maxRedirects = DEFAULT_MAX_REDIRECTS,
  } = options;

  const first = checkFlowJsonUrl(rawUrl, { extraHosts });
  if (!first.ok) return fail('json_url_refused', first.status, first.reason);

  options.signal?.throwIfAborted();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('flow JSON download timed out')), timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  // undici and its pool (about 1 MB of code) load with the first download, not at start-up.
  const doFetch = options.fetch ?? (await import('./safe-dispatcher')).safeFetch(extraHosts);

  let url = first.url;
  // An object rather than a `let`: the catch block reads it after an await throws.
  const upstream: { status: number | null } = { status: null };
  try {
    for (let redirects = 0; ; redirects++) {
      upstream.status = null;
      const response = await abortable(doFetch(url.href, requestInit(signal)), signal);
      upstream.status = response.status;
      const upstreamStatus = response.status;

      if (REDIRECT_STATUSES.has(response.status)) {
        discard(response);
        if (redirects >= maxRedirects) {
          return fail('provider_error', 502, `The flow JSON host redirected more than ${maxRedirects} times.`, upstreamStatus);
        }
        const next = nextUrl(response, url);
        if (!next) return fail('provider_error', 502, 'The flow JSON host sent a redirect without a valid location.', upstreamStatus);
        const check = checkFlowJsonUrl(next, { extraHosts });
        if (!check.ok) {
          return fail('json_url_refused', 403, `The flow JSON host redirected to a URL that is not allowed. ${check.reason}`, upstreamStatus);
        }
        url = check.url;
        continue;
      }

      if (EXPIRED_STATUSES.has(response.status)) {
        discard(response);
        return fail(
          'json_url_expired',
          410,
          `The flow JSON download link has expired (the CDN answered HTTP ${response.status}). Reload the flow to get a fresh link.`,
          upstreamStatus,
        );
      }
      if (response.status < 200 || response.status > 299) {
        discard(response);
        return fail('provider_error', 502, `The flow JSON host ${url.host} answered HTTP ${response.status}.`, upstreamStatus);
      }

      const body = await readCapped(response, maxBytes, signal);
      if (!body) return fail('json_too_large', 413, tooLargeMessage(maxBytes), upstreamStatus);
      return {
        ok: true,
        body,
        get text() {
          return new TextDecoder('utf-8', { fatal: false }).decode(body);
        },
        bytes: body.byteLength,
        finalUrl: url.href,
      };
    }
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.signal.aborted) {
      return fail('timeout', 504, `The flow JSON download from ${url.host} took longer than ${formatSeconds(timeoutMs)}.`, upstream.status);
    }
    if (hasErrorCode(err, ADDRESS_REFUSED_CODE)) {
      return fail('json_url_refused', 403, `The flow JSON host ${url.hostname} resolves to a non-public network address.`, upstream.status);
    }
    return fail('unreachable', 502, `Could not connect to the flow JSON host ${url.host}.`, upstream.status);
  } finally {
    clearTimeout(timer);
  }
}

function requestInit(signal: AbortSignal): RequestInit {
  return {
    method: 'GET',
    redirect: 'manual',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.1' },
    signal,
  };
}

function nextUrl(response: Response, current: URL): string | null {
  const location = response.headers.get('location');
  if (!location) return null;
  try {
    return new URL(location, current).href;
  } catch {
    return null;
  }
}

/** Returns the body, or null once it exceeds maxBytes (the stream is cancelled, never buffered past the cap). */
export async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array | null> {
  try {
    return await readLimited(response, maxBytes, signal);
  } catch (error) {
    if (isBodyTooLarge(error)) return null;
    throw error;
  }
}

function discard(response: Response): void {
  void response.body?.cancel().catch(() => {});
}

function hasErrorCode(err: unknown, code: string): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if ((e as { code?: unknown }).code === code) return true;
    stack.push((e as { cause?: unknown }).cause);
    if (e instanceof AggregateError) stack.push(...e.errors);
  }
  return false;
}

function tooLargeMessage(maxBytes: number): string {
  if (maxBytes === DEFAULT_MAX_FLOW_JSON_BYTES) return "The flow JSON is larger than 10 MB, Meta's limit for flow JSON.";
  return `The flow JSON is larger than the ${maxBytes}-byte limit.`;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * The download with every credential of the account redacted from its text (flow JSON is provider
 * text that reaches the browser). Unchanged text keeps the body as downloaded.
 */
export function redactDownload(result: DownloadResult, redact: Redactor): DownloadResult {
  if (!result.ok) return result;
  const text = result.text;
  const redacted = redact(text);
  if (redacted === text) return result;
  const body = new TextEncoder().encode(redacted);
  return { ok: true, body, text: redacted, bytes: body.byteLength, finalUrl: result.finalUrl };
}
