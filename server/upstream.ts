/**
 * Calls a provider's API: adds its auth header, enforces a deadline, retries what is worth
 * retrying (5xx and lost connections with jittered backoff; 429 after a short Retry-After),
 * keeps within the provider's request budget, coalesces identical concurrent calls, and turns
 * every failure into a Problem that names the provider and quotes its error.
 */
import type { RequestBudget } from '../src/lib/request-budget';
import type { AccountBase, ProviderAdapter, UpstreamRequest } from '../src/providers/types';
import { clockOf, sleep, timeoutSignal } from './http/clock';
import { isBodyTooLarge, readTextLimited } from './http/limited-body';
import { DEFAULT_MAX_FLOW_JSON_BYTES, readCapped } from './flow-json/download';
import { problem, type ProblemResult } from './problems';
import { redactorFor } from './redact';

/** How one account calls its provider: its adapter, its credentials, its host and its own request budget. */
export interface ProviderClient {
  adapter: ProviderAdapter;
  /** The account's settings as the adapter signs with them (stand-in credentials when simulated). */
  account: AccountBase;
  accountName: string;
  /** The account's secret values: redacted wherever provider text is relayed. */
  secrets: string[];
  baseUrl: string;
  simulated: boolean;
  fetch: typeof fetch;
  timeoutMs: number;
  /** The provider's request budget for this account (every adapter states one). */
  budget: RequestBudget;
  /**
   * The account's permit from a request budget shared with other replicas (held in the database),
   * waited for before each call; absent without a database.
   */
  permit?: () => Promise<void>;
}

export type UpstreamResult = { ok: true; body: unknown } | ({ ok: false } & ProblemResult);
export type UpstreamTextResult = { ok: true; text: string; bytes: number } | ({ ok: false } & ProblemResult);

/** A call whose answer is a document to keep as sent (a flow JSON), not JSON to parse: its size cap and deadline. */
interface RawCall {
  maxBytes: number;
  timeoutMs: number;
}

const MAX_ATTEMPTS = 3;
/** Retry-After values up to this are waited out here; longer ones go back to the browser. */
const MAX_INLINE_RETRY_AFTER_S = 3;
/** How long a call may wait for the provider's request budget before we say so. */
const MAX_BUDGET_WAIT_MS = 15_000;
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** Calls under way, per client: two apps in one process (tests, harnesses) never share answers. */
const inFlight = new WeakMap<ProviderClient, Map<string, Promise<UpstreamResult | UpstreamTextResult>>>();

export function upstreamUrl(client: ProviderClient, request: UpstreamRequest): URL {
  const url = new URL(client.baseUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${request.path}`;
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  return url;
}

/** GETs a provider resource; identical calls already under way share one upstream request. */
export function getFromProvider(client: ProviderClient, request: UpstreamRequest): Promise<UpstreamResult> {
  return coalesced(client, upstreamUrl(client, request), request, null) as Promise<UpstreamResult>;
}

/**
 * GETs a document the provider serves itself (a flow JSON from its API rather than a CDN link):
 * signed, paced and retried like every call, kept exactly as sent, and refused past `maxBytes`
 * (read as a stream, never buffered beyond the cap).
 */
export function getTextFromProvider(
  client: ProviderClient,
  request: UpstreamRequest,
  { maxBytes = DEFAULT_MAX_FLOW_JSON_BYTES, timeoutMs = client.timeoutMs }: Partial<RawCall> = {},
): Promise<UpstreamTextResult> {
  return coalesced(client, upstreamUrl(client, request), request, { maxBytes, timeoutMs }) as Promise<UpstreamTextResult>;
}

function coalesced(client: ProviderClient, url: URL, request: UpstreamRequest, raw: RawCall | null): Promise<UpstreamResult | UpstreamTextResult> {
  const key = `${raw ? 'raw ' : ''}${url.href}`;
  let calls = inFlight.get(client);
  if (!calls) inFlight.set(client, (calls = new Map()));
  const pending = calls.get(key);
  if (pending) return pending;
  const call = callWithRetries(client, url, request, raw).finally(() => calls.delete(key));
  calls.set(key, call);
  return call;
}

/** 10000 → "10 s", 1500 → "1.5 s", 300 → "0.3 s". */
const formatSeconds = (ms: number) => `${Number((ms / 1000).toPrecision(2))} s`;
const jitter = (attempt: number) => 200 * 2 ** attempt * (0.5 + Math.random());

async function callWithRetries(client: ProviderClient, url: URL, request: UpstreamRequest, raw: RawCall | null): Promise<UpstreamResult | UpstreamTextResult> {
  let result: UpstreamResult | UpstreamTextResult | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      const retryAfter = result && !result.ok ? result.problem.retryAfterSeconds : null;
      await sleep(clockOf(client), retryAfter != null ? retryAfter * 1000 : jitter(attempt));
    }
    result = await callOnce(client, url, request, raw);
    if (result.ok || !shouldRetry(result)) return result;
  }
  return result!;
}

function shouldRetry(result: ProblemResult): boolean {
  const { kind, upstreamStatus, retryAfterSeconds } = result.problem;
  // Only the provider's own throttling: Flow Desk's pacing (no upstream status) would just queue again.
  if (kind === 'rate_limited') return upstreamStatus !== null && retryAfterSeconds != null && retryAfterSeconds <= MAX_INLINE_RETRY_AFTER_S;
  return kind === 'unreachable' || (kind === 'provider_error' && upstreamStatus !== null && [500, 502, 503, 504].includes(upstreamStatus));
}

async function callOnce(client: ProviderClient, url: URL, request: UpstreamRequest, raw: RawCall | null): Promise<UpstreamResult | UpstreamTextResult> {
  const label = client.adapter.label;
  const provider = client.adapter.id;
  const pacing = (budget: RequestBudget) => {
    const wait = Math.max(1, Math.ceil(budget.waitMs() / 1000));
    return { ok: false as const, ...problem(429, { kind: 'rate_limited', provider, retryAfterSeconds: wait, message: `Flow Desk is pacing calls to stay within ${label}'s request limit; try again in ${wait} s.` }) };
  };
  const budget = client.budget;
  if (budget.waitMs() > MAX_BUDGET_WAIT_MS) return pacing(budget);
  const run = async () => {
    await client.permit?.();
    return fetchText(client, url, request, raw);
  };
  let response: FetchOutcome;
  try {
    // The signal bounds the time spent queued behind other calls (fetchText itself never rejects).
    response = await budget.schedule(run, timeoutSignal(clockOf(client), MAX_BUDGET_WAIT_MS));
  } catch {
    return pacing(budget);
  }
  if ('problem' in response) return { ok: false, ...response };

  const { status, retryAfter, headers } = response;
  // Every credential, in any encoding or case, out of the provider's text: successes and errors alike.
  const text = raw ? response.text : redactorFor(client, client.secrets)(response.text);
  if (raw && status >= 200 && status < 300) return { ok: true, text, bytes: response.bytes };
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    if (status >= 200 && status < 300) {
      return { ok: false, ...problem(502, { kind: 'bad_response', provider, upstreamStatus: status, message: `${label} answered with something that is not JSON (HTTP ${status}). The response may have been cut off; try again.` }) };
    }
    body = null;
  }
  if (status >= 200 && status < 300) return { ok: true, body };
  return { ok: false, ...providerProblem(client, status, body, retryAfter, headers) };
}

type FetchOutcome = { status: number; text: string; bytes: number; retryAfter: number | null; headers: Headers } | ProblemResult;

/** One HTTP exchange: Flow Desk's own GET with the adapter's auth headers, or the adapter's SDK through the account's fetch. */
async function exchange(client: ProviderClient, url: URL, request: UpstreamRequest, signal: AbortSignal): Promise<Response> {
  const { adapter } = client;
  if (adapter.send) return adapter.send(request, client.account, { baseUrl: client.baseUrl, fetch: client.fetch, signal });
  const headers = { Accept: 'application/json' };
  const signed = await adapter.sign({ method: 'GET', url, headers }, client.account);
  return client.fetch(url, { headers: { ...headers, ...signed }, signal, redirect: 'manual' });
}

async function fetchText(client: ProviderClient, url: URL, request: UpstreamRequest, raw: RawCall | null): Promise<FetchOutcome> {
  const { adapter } = client;
  const signal = timeoutSignal(clockOf(client), raw?.timeoutMs ?? client.timeoutMs);
  try {
    const response = await exchange(client, url, request, signal);
    if (response.status >= 300 && response.status < 400) {
      void response.body?.cancel().catch(() => {});
      const location = URL.parse(response.headers.get('location') ?? '', url);
      const where = location && /^https?:$/.test(location.protocol) ? ` to ${location.origin}` : '';
      const message = `${adapter.label} answered with a redirect (HTTP ${response.status})${redactorFor(client, client.secrets)(where)}; Flow Desk does not follow redirects from a provider's API. Check the base URL configured for ${adapter.label}.`;
      return problem(502, { kind: 'bad_response', provider: adapter.id, upstreamStatus: response.status, message });
    }
    const tooLarge = () =>
      problem(413, { kind: 'json_too_large', provider: adapter.id, upstreamStatus: response.status, message: `The flow JSON from ${adapter.label} is larger than ${raw!.maxBytes / 1024 / 1024} MB, Meta's limit for flow JSON.` });
    if (raw && response.ok) {
      try {
        const body = await readCapped(response, raw.maxBytes, signal);
        if (!body) return tooLarge();
        return { status: response.status, text: new TextDecoder('utf-8').decode(body), bytes: body.byteLength, retryAfter: null, headers: response.headers };
      } catch (error) {
        if (signal.aborted) throw error;
        return problem(502, { kind: 'bad_response', provider: adapter.id, upstreamStatus: response.status, message: `${adapter.label}'s response was cut off before it was complete (HTTP ${response.status}). Try again.` });
      }
    }
    let text: string;
    try {
      // The cap is counted on the bytes as they stream: a missing or false Content-Length changes nothing.
      text = await readTextLimited(response, MAX_RESPONSE_BYTES);
    } catch (error) {
      if (isBodyTooLarge(error)) {
        return problem(502, { kind: 'bad_response', provider: adapter.id, upstreamStatus: response.status, message: `${adapter.label} sent a response larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; Flow Desk stopped reading it.` });
      }
      if (signal.aborted) throw error;
      // Headers arrived but the body did not: the provider was reached, its answer was cut off.
      return problem(502, { kind: 'bad_response', provider: adapter.id, upstreamStatus: response.status, message: `${adapter.label}'s response was cut off before it was complete (HTTP ${response.status}). Try again.` });
    }
    return { status: response.status, text, bytes: text.length, retryAfter: parseRetryAfter(response.headers.get('retry-after')), headers: response.headers };
  } catch (error) {
    if (signal.aborted) {
      return problem(504, { kind: 'timeout', provider: adapter.id, message: `${adapter.label} did not answer within ${formatSeconds(raw?.timeoutMs ?? client.timeoutMs)}. It may be slow or down; try again in a minute.` });
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return problem(502, {
      kind: 'unreachable',
      provider: adapter.id,
      message: `Could not reach ${adapter.label}${code ? ` (${code})` : ''}. Check the network or the configured base URL.`,
    });
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function providerProblem(client: ProviderClient, status: number, body: unknown, retryAfterHeader: number | null, headers: Headers): ProblemResult {
  const { adapter } = client;
  // The body was redacted (every credential, in any encoding) before it was parsed.
  const said = adapter.parseErrorBody(body, headers);
  const retryAfter = retryAfterHeader ?? said?.retryAfterSeconds ?? null;
  const quoted = { provider: adapter.id, upstreamStatus: status, code: said?.code ?? null, providerMessage: said?.message ?? null, errorId: said?.errorId ?? null };
  const name = adapter.label;
  const account = `account “${client.accountName}”`;
  const advice = said?.advice ? ` ${said.advice}` : '';
  if (said?.notFound) return problem(404, { ...quoted, kind: 'not_found', message: `${name} has no such resource for ${account} (HTTP ${status}). Check the ids.` });
  switch (said?.rateLimited ? 429 : status) {
    case 400:
      return problem(400, { ...quoted, kind: 'invalid_request', message: `${name} rejected the request as invalid (HTTP 400).${advice}` });
    case 401:
      return problem(401, { ...quoted, kind: 'unauthorized', message: `${name} rejected the ${adapter.credentialName} of ${account} (HTTP 401).${advice || ` Check the ${adapter.credentialName} configured for ${account} on the Flow Desk server.`}` });
    case 403:
      return problem(403, { ...quoted, kind: 'forbidden', message: `${name} refused access (HTTP 403): the ${adapter.credentialName} of ${account} may not cover this resource.${advice}` });
    case 404:
      return problem(404, { ...quoted, kind: 'not_found', message: `${name} has no such resource (HTTP 404). Check the ids.` });
    case 429:
      return problem(429, {
        ...quoted,
        kind: 'rate_limited',
        retryAfterSeconds: retryAfter,
        message: `${name} is rate limiting Flow Desk (HTTP ${status})${retryAfter != null ? `; ${retryAfterHeader != null ? 'it asks to wait' : 'retry after'} ${retryAfter} s` : ''}.${advice}`,
      });
    default:
      return problem(502, { ...quoted, kind: 'provider_error', message: `${name} failed (HTTP ${status}). This is on ${name}'s side; try again, and quote the error id to ${name} if it persists.${advice}` });
  }
}
