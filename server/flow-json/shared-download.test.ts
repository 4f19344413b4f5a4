// @vitest-environment node
/**
 * Regression tests for issue 15's unbounded downloads: identical concurrent flow JSON downloads
 * share one CDN fetch, distinct ones past the limits get a "busy" Problem the browser retries,
 * and the answer is streamed from the shared buffer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstream';
import { apiAppWithContext, keyedEnv, LIST_8X8, problemOf, SEED_FLOW_8X8 } from '../testing/fixtures';
import { configureDownloads, downloadLimitsFromEnv } from './shared-download';

const fakes: FakeUpstream[] = [];
afterAll(() => Promise.all(fakes.map((f) => f.close())));

describe('flow JSON downloads through the pool', () => {
  it('50 clients downloading the same flow JSON at once: one CDN fetch, 50 identical answers', async () => {
    const fake = await startFakeUpstream();
    fakes.push(fake);
    const { app } = apiAppWithContext(keyedEnv(fake));
    const responses = await Promise.all(Array.from({ length: 50 }, () => app.request(`${LIST_8X8}/${SEED_FLOW_8X8}/json`)));
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('"screens"');
    expect(fake.requests.filter((r) => r.target?.cdn)).toHaveLength(1);
  });

  it('past the running and queued limits: 503 rate_limited with Retry-After, which the browser retries', async () => {
    const fake = await startFakeUpstream();
    fakes.push(fake);
    // The CDN holds every answer until released, so the pool stays full.
    const held: (() => void)[] = [];
    fake.setIntercept((_req, _res, recorded) => (recorded.target?.cdn ? new Promise<boolean>((resolve) => held.push(() => resolve(false))) : false));
    const { app, ctx } = apiAppWithContext(keyedEnv(fake));
    configureDownloads(ctx, { maxRunning: 1, maxQueued: 1 });
    const flows = fake.simulator('8x8').channels[0]!.flows.filter((f) => f.json === 'ok').slice(0, 3).map((f) => f.id);
    expect(flows).toHaveLength(3);
    const first = app.request(`${LIST_8X8}/${flows[0]}/json`);
    const second = app.request(`${LIST_8X8}/${flows[1]}/json`);
    await expect.poll(() => held.length).toBe(1);
    const third = await app.request(`${LIST_8X8}/${flows[2]}/json`);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('2');
    expect(await problemOf(third)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 2, provider: null });
    held.shift()!();
    await expect.poll(() => held.length).toBe(1);
    held.shift()!();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('reads its limits from the environment, and refuses nonsense', () => {
    expect(downloadLimitsFromEnv({})).toEqual({ maxRunning: 4, maxQueued: 16, idleMs: 10_000 });
    expect(downloadLimitsFromEnv({ FLOWDESK_DOWNLOADS_RUNNING: '2', FLOWDESK_DOWNLOADS_QUEUED: '0', FLOWDESK_CLIENT_IDLE_S: '3' })).toEqual({ maxRunning: 2, maxQueued: 0, idleMs: 3000 });
    expect(() => downloadLimitsFromEnv({ FLOWDESK_DOWNLOADS_RUNNING: 'lots' })).toThrow(/FLOWDESK_DOWNLOADS_RUNNING/);
  });
});
