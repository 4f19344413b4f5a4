/**
 * Time as a dependency: code that waits or keeps deadlines takes a Clock, so tests drive time
 * with a ManualClock instead of sleeping for real.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` of the clock's time; rejects with the signal's reason when it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An AbortSignal that aborts with a TimeoutError after `ms` of the clock's time. */
export function timeoutSignal(clock: Clock, ms: number): AbortSignal {
  if (clock === systemClock) return AbortSignal.timeout(ms);
  const controller = new AbortController();
  clock.setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  return controller.signal;
}

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock that only moves when told: `advance(ms)` runs the timers due, in order. With
 * `autoAdvanceUpTo`, a timer of at most that many ms fires on the next microtask turn and moves
 * the clock to its time (retry back-off passes at once; longer deadlines still wait for
 * `advance`); `delays` records every wait asked for.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  private readonly waiters = new Set<{ match: (ms: number) => boolean; resolve: (ms: number) => void }>();
  /** Every delay asked for, in order. */
  readonly delays: number[] = [];

  constructor(
    start = 0,
    private readonly options: { autoAdvanceUpTo?: number } = {},
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = ++this.seq;
    this.delays.push(ms);
    this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, callback });
    if (this.options.autoAdvanceUpTo !== undefined && ms <= this.options.autoAdvanceUpTo) {
      queueMicrotask(() => this.timers.has(id) && this.advanceTo(this.timers.get(id)!.at));
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.match(ms)) {
        this.waiters.delete(waiter);
        waiter.resolve(ms);
      }
    }
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }

  /** Resolves when a timer whose delay matches is set (no polling: told by setTimeout). */
  whenTimerSet(match: (ms: number) => boolean): Promise<number> {
    return new Promise((resolve) => this.waiters.add({ match, resolve }));
  }

  advance(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  private advanceTo(target: number): void {
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.delete(due.seq);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = Math.max(this.time, target);
  }
}
