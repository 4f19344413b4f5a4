// @vitest-environment node
/**
 * 8x8 documents a budget of 100 requests per minute per API key; the proxy paces its calls to
 * stay within it, and tells the browser so (429 with Retry-After) rather than holding a request
 * for up to a minute. In its own file so its 15 s of queueing runs beside the other suites.
 */
import { describe, expect, it } from 'vitest';
import { startFakeUpstream } from './testing/fake-upstream';
import { apiApp, keyedEnv, LIST_8X8, problemOf } from './testing/fixtures';

describe("8x8's request budget (100 per minute per key)", () => {
  it('answers 429 after at most 15 s of queueing instead of holding requests for a minute', async () => {
    const big = await startFakeUpstream({ flowsPerChannel: 120 });
    try {
      const app = apiApp(keyedEnv(big));
      const ids = big.simulator('8x8').channels[0]!.flows.slice(0, 110).map((f) => f.id);
      const started = Date.now();
      const responses = await Promise.all(ids.map((id) => app.request(`${LIST_8X8}/${id}`)));
      const elapsed = Date.now() - started;
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(elapsed).toBeLessThan(20_000);
      const paced = responses.find((r) => r.status === 429)!;
      expect(Number(paced.headers.get('retry-after'))).toBeGreaterThan(15);
      const problem = await problemOf(paced);
      expect(problem).toMatchObject({ kind: 'rate_limited', provider: '8x8', upstreamStatus: null });
      expect(problem.message).toContain("8x8 Chat Apps's request limit");
      expect(big.requests.filter((r) => r.target?.account === '8x8')).toHaveLength(100);
    } finally {
      await big.close();
    }
  }, 40_000);
});
