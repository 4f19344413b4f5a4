/**
 * Runs tasks under a concurrency cap and a sliding-window request budget (for example a provider's
 * "100 requests per minute per API key"). A sliding window, not fixed intervals as in p-queue:
 * fixed windows allow twice the budget across a window boundary.
 */
import { systemClock, type Clock } from './clock';

export interface BudgetOptions {
  /** Most task starts in any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Most tasks running at once. */
  concurrency: number;
  now?: () => number;
  /** Time for the window and the wait before the next start (default: the system clock). */
  clock?: Clock;
}

interface Waiting {
  run: () => void;
  cancel: (reason: unknown) => void;
}

export class RequestBudget {
  private readonly starts: number[] = [];
  private readonly queue: Waiting[] = [];
  private running = 0;
  private timer: unknown;
  private readonly now: () => number;
  private readonly clock: Clock;

  constructor(private readonly options: BudgetOptions) {
    this.clock = options.clock ?? systemClock;
    this.now = options.now ?? (() => this.clock.now());
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  /** Milliseconds until the next start would fit the window (0 when it fits now). */
  waitMs(): number {
    this.forgetOldStarts();
    if (this.starts.length < this.options.limit) return 0;
    return this.starts[0]! + this.options.windowMs - this.now();
  }

  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry: Waiting = {
        run: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          this.starts.push(this.now());
          task()
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.drain();
            });
        },
        cancel: reject,
      };
      const onAbort = () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.drain();
    });
  }

  private forgetOldStarts(): void {
    const horizon = this.now() - this.options.windowMs;
    while (this.starts.length > 0 && this.starts[0]! <= horizon) this.starts.shift();
  }

  private drain(): void {
    while (this.queue.length > 0 && this.running < this.options.concurrency) {
      const wait = this.waitMs();
      if (wait > 0) {
        if (!this.timer) {
          this.timer = this.clock.setTimeout(() => {
            this.timer = undefined;
            this.drain();
          }, wait);
        }
        return;
      }
      this.queue.shift()!.run();
    }
  }
}
