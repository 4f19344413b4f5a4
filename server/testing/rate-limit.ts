/**
 * A provider's rate limit enforced by the fake upstream, as the real one would: the calls of one
 * account (its API, not its CDN) beyond `limit` in any sliding window of `windowMs` are answered
 * 429. Every call's arrival is kept, so a test or benchmark can check the most calls any window saw.
 */
import type { FakeUpstream } from './fake-upstream';

export interface RateLimitOptions {
  account: string;
  limit: number;
  windowMs: number;
  /** Which calls count (default: every call to the account's API). */
  counts?: (path: string) => boolean;
  now?: () => number;
}

export interface Enforcement {
  /** Arrival times of the calls that counted (answered or refused). */
  arrivals: number[];
  /** Calls answered 429 because the window was full. */
  refused: number;
  stop(): void;
}

const RATE_LIMIT_ERROR = (limit: number, windowMs: number) => JSON.stringify({ code: 429, message: `Too many requests: the limit is ${limit} requests per ${windowMs / 1000} s per API key` });

export function enforceRateLimit(fake: FakeUpstream, options: RateLimitOptions): Enforcement {
  const now = options.now ?? Date.now;
  const accepted: number[] = [];
  const state: Enforcement = {
    arrivals: [],
    refused: 0,
    stop: () => fake.setIntercept(null),
  };
  fake.setIntercept((_req, res, recorded) => {
    if (recorded.target?.account !== options.account || recorded.target.cdn) return false;
    if (options.counts && !options.counts(recorded.path)) return false;
    const at = now();
    state.arrivals.push(at);
    while (accepted.length > 0 && accepted[0]! <= at - options.windowMs) accepted.shift();
    if (accepted.length < options.limit) {
      accepted.push(at);
      return false;
    }
    state.refused++;
    recorded.status = 429;
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil((accepted[0]! + options.windowMs - at) / 1000)) }).end(RATE_LIMIT_ERROR(options.limit, options.windowMs));
    return true;
  });
  return state;
}

/** The most of `times` (milliseconds) that fall in any window `[t, t + windowMs)`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}
