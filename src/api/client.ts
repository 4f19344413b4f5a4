/** Calls the Flow Desk proxy. Every call has a deadline; every failure becomes an ApiError carrying a Problem. */
import { makeProblem, ProblemSchema, type Problem } from '../model/flow';
import { REQUEST_HEADER } from '../model/request-header';
import { yieldToPage } from '../lib/yield-to-page';

/** Longer than the proxy's own upstream deadline and retries, so the proxy explains a slow provider first. */
export const API_DEADLINE_MS = 40_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
    this.name = 'ApiError';
  }
}

const localProblem = (kind: Problem['kind'], message: string): Problem => makeProblem({ kind, message });


async function request(path: string, signal: AbortSignal | undefined, init: RequestInit = {}): Promise<Response> {
  const deadline = AbortSignal.timeout(API_DEADLINE_MS);
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal: signal ? AbortSignal.any([signal, deadline]) : deadline, headers: { Accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (deadline.aborted) throw new ApiError(504, localProblem('timeout', `No answer from the Flow Desk server within ${API_DEADLINE_MS / 1000} s.`));
    if (signal?.aborted) throw error;
    throw new ApiError(0, localProblem('unreachable', 'Could not reach the Flow Desk server. Check your connection, or whether the server is running.'));
  }
  if (response.ok) return response;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not a proxy answer (for example a gateway's HTML page): described below.
  }
  const parsed = ProblemSchema.safeParse((body as { problem?: unknown } | null)?.problem);
  throw new ApiError(
    response.status,
    parsed.success ? parsed.data : localProblem('internal', `The Flow Desk server answered HTTP ${response.status} without an explanation.`),
  );
}

/** A state-changing call (JSON body, JSON answer or none). */
export async function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const response = await request(path, signal, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...REQUEST_HEADER } });
  return response.status === 204 ? null : response.json();
}

/**
 * The answer's JSON, parsed by `parse`. The body is read in slices like a streamed one (see
 * `readBody`): `response.json()` reads a big answer (a flow's details with 10,000 validation
 * errors: 3 MB) in one task of the browser's, measured at 140-270 ms.
 */
export async function getJson<T>(path: string, parse: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
  const response = await request(path, signal);
  const text = await readBody(response, signal);
  // A big answer's JSON.parse and its checks (30-90 ms each for 10,000 errors) get a task each.
  const big = text.length >= BIG_ANSWER;
  if (big) await yieldToPage();
  const body: unknown = JSON.parse(text);
  if (big) await yieldToPage();
  return parse(body);
}

/** Characters of an answer big enough to be parsed and checked in tasks of their own. */
const BIG_ANSWER = 256 * 1024;

/** The longest run of reading and decoding a streamed body before the page gets its turn. */
const READ_SLICE_MS = 20;
/** Bytes of a received chunk decoded at once. */
const DECODE_PIECE = 256 * 1024;

/**
 * The body as text (UTF-8, as `Response.text()`). With `onPiece`, each decoded piece is handed
 * over in order as it arrives, so work on the text can keep pace with the download instead of
 * starting after its last byte.
 */
export async function getText(path: string, signal?: AbortSignal, onPiece?: (piece: string) => void): Promise<string> {
  return readBody(await request(path, signal), signal, onPiece);
}

/**
 * Reads a body as it arrives, decoded piece by piece, the page getting its turn every
 * READ_SLICE_MS. Chunks already received are otherwise read back to back, in microtasks of one
 * task: the whole of a 10 MB body that arrived while the page was busy was one task of 200-400 ms.
 * A big chunk (the browser hands over up to megabytes at once) is decoded DECODE_PIECE bytes at a
 * time. A body that breaks off is an "unreachable" problem, one past the deadline a "timeout".
 */
async function readBody(response: Response, signal: AbortSignal | undefined, onPiece?: (piece: string) => void): Promise<string> {
  try {
    if (!response.body) return await response.text();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const pieces: string[] = [];
    const take = (piece: string) => {
      if (piece === '') return;
      pieces.push(piece);
      onPiece?.(piece);
    };
    let sliceStart = performance.now();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      for (let at = 0; at < chunk.length; at += DECODE_PIECE) {
        take(decoder.decode(chunk.length <= DECODE_PIECE ? chunk : chunk.subarray(at, at + DECODE_PIECE), { stream: true }));
        if (performance.now() - sliceStart >= READ_SLICE_MS) {
          await yieldToPage();
          sliceStart = performance.now();
        }
      }
    }
    take(decoder.decode());
    // Joining a big text is a long copy (10 MB: 40-110 ms): in a task of its own.
    if (pieces.length > 1) await yieldToPage();
    return pieces.join('');
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ApiError(504, localProblem('timeout', `The download from the Flow Desk server did not finish within ${API_DEADLINE_MS / 1000} s.`));
    }
    throw new ApiError(0, localProblem('unreachable', 'The download from the Flow Desk server broke off before the end. Check your connection, and retry.'));
  }
}

/** Retry only what can succeed on retry: rate limits (after the time asked) and passing outages. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const { kind } = error.problem;
  if (kind === 'rate_limited') return failureCount < 3;
  return (kind === 'unreachable' || kind === 'provider_error') && failureCount < 1;
}

export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.problem.retryAfterSeconds != null) return error.problem.retryAfterSeconds * 1000;
  return Math.min(1000 * 2 ** failureCount, 10_000) * (0.5 + Math.random());
}
