import { afterEach, describe, expect, it, vi } from 'vitest';
import { inBackground } from './background';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('inBackground', () => {
  it('posts the work at background priority where the browser has a task scheduler, and cancels it by its signal', async () => {
    const posted: { priority: string; signal: AbortSignal }[] = [];
    const postTask = vi.fn((work: () => void, options: { priority: string; signal: AbortSignal }) => {
      posted.push(options);
      return Promise.resolve().then(() => {
        if (options.signal.aborted) throw new DOMException('Aborted', 'AbortError');
        work();
      });
    });
    vi.stubGlobal('scheduler', { postTask });
    const ran: string[] = [];
    inBackground(() => ran.push('kept'));
    const cancel = inBackground(() => ran.push('cancelled'));
    cancel();
    await new Promise((r) => setTimeout(r, 0));
    expect(posted.map((o) => o.priority)).toEqual(['background', 'background']);
    expect(posted[1]!.signal.aborted).toBe(true);
    expect(ran).toEqual(['kept']);
  });

  it('falls back to a plain task, which can be cancelled too', () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers();
    const ran: string[] = [];
    inBackground(() => ran.push('kept'));
    const cancel = inBackground(() => ran.push('cancelled'));
    cancel();
    expect(ran).toEqual([]);
    vi.runAllTimers();
    expect(ran).toEqual(['kept']);
  });
});
