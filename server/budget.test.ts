// @vitest-environment node
/**
 * 8x8 documents a budget of 100 requests per minute per API key; the proxy paces its calls to
 * stay within it, and tells the browser so (429 with Retry-After) rather than holding a request
 * for up to a minute. The budget's window and the 15 s queueing deadline run on a ManualClock.
 */
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../src/lib/clock';
import { startFakeUpstream } from './testing/fake-upstream';
import { clockedApiApp, keyedEnv, LIST_8X8, problemOf } from './testing/fixtures';

describe("8x8's request budget (100 per minute per key)", () => {
  it('answers 429 after at most 15 s of queueing instead of holding requests for a minute', async () => {
    const big = await startFakeUpstream({ flowsPerChannel: 120 });
    try {
      const clock = new ManualClock(1_000_000);
      const app = clockedApiApp(keyedEnv(big), clock);
      const ids = big.simulator('8x8').channels[0]!.flows.slice(0, 110).map((f) => f.id);
      // The budget asks for a wake-up at the end of its window once the 100 starts are used.
      const windowFull = clock.whenTimerSet((ms) => ms > 15_000 && ms <= 60_000);
      const all = Promise.all(ids.map((id) => app.request(`${LIST_8X8}/${id}`)));
      await windowFull;
      // The 100 calls under way finish (their own deadlines run on the clock too), then 15 s pass.
      await vi.waitFor(() => expect(big.requests.filter((r) => r.status !== undefined)).toHaveLength(100), { timeout: 10_000 });
      clock.advance(15_000);
      const responses = await all;
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      const paced = responses.find((r) => r.status === 429)!;
      expect(Number(paced.headers.get('retry-after'))).toBeGreaterThan(15);
      const problem = await problemOf(paced);
      expect(problem).toMatchObject({ kind: 'rate_limited', provider: '8x8', upstreamStatus: null });
      expect(problem.message).toContain("8x8 Chat Apps's request limit");
      expect(big.requests.filter((r) => r.target?.account === '8x8')).toHaveLength(100);
    } finally {
      await big.close();
    }
  });
});
