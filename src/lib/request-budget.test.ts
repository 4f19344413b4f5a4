import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestBudget } from './request-budget';

describe('RequestBudget', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps 1,000 detail calls on 8x8 within 100 per minute and 4 at once', async () => {
    const budget = new RequestBudget({ limit: 100, windowMs: 60_000, concurrency: 4 });
    const starts: number[] = [];
    let running = 0;
    let mostRunning = 0;
    const done = Array.from({ length: 1000 }, () =>
      budget.schedule(async () => {
        starts.push(Date.now());
        mostRunning = Math.max(mostRunning, ++running);
        await new Promise((r) => setTimeout(r, 50));
        running--;
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(done);

    expect(starts).toHaveLength(1000);
    expect(mostRunning).toBe(4);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
    // It does not crawl either: ten windows' worth takes about nine and a bit minutes.
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(10 * 60_000);
  });

  it('drops a queued task when its signal aborts, without running it', async () => {
    const budget = new RequestBudget({ limit: 1, windowMs: 1000, concurrency: 1 });
    const ran: string[] = [];
    const first = budget.schedule(async () => void ran.push('a'));
    const controller = new AbortController();
    const second = budget.schedule(async () => void ran.push('b'), controller.signal);
    controller.abort(new Error('scrolled away'));
    await expect(second).rejects.toThrow('scrolled away');
    await vi.runAllTimersAsync();
    await first;
    expect(ran).toEqual(['a']);
    expect(budget.pending).toBe(0);
  });

  it('reports how long the next call must wait', async () => {
    const budget = new RequestBudget({ limit: 2, windowMs: 1000, concurrency: 5 });
    await Promise.all([budget.schedule(async () => {}), budget.schedule(async () => {})]);
    expect(budget.waitMs()).toBe(1000);
    vi.advanceTimersByTime(400);
    expect(budget.waitMs()).toBe(600);
  });
});
