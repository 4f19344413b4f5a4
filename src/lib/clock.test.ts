import { describe, expect, it } from 'vitest';
import { ManualClock, sleep, timeoutSignal } from './clock';

describe('ManualClock', () => {
  it('fires timers in order when advanced, and only then', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    clock.advance(150);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(1150);
    clock.advance(100);
    expect(fired).toEqual(['a', 'b']);
  });

  it('auto-advances short waits, not long deadlines', async () => {
    const clock = new ManualClock(0, { autoAdvanceUpTo: 5000 });
    const deadline = timeoutSignal(clock, 10_000);
    await sleep(clock, 2000);
    await sleep(clock, 3000);
    expect(clock.now()).toBe(5000);
    expect(deadline.aborted).toBe(false);
    clock.advance(5000);
    expect(deadline.aborted).toBe(true);
    expect((deadline.reason as DOMException).name).toBe('TimeoutError');
    expect(clock.delays).toEqual([10_000, 2000, 3000]);
  });

  it('sleep rejects when its signal aborts, and tells waiters a timer was set', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const set = clock.whenTimerSet((ms) => ms === 700);
    const slept = sleep(clock, 700, controller.signal);
    expect(await set).toBe(700);
    controller.abort(new Error('gone'));
    await expect(slept).rejects.toThrow('gone');
    expect(clock.pending).toBe(0);
  });
});
