/**
 * Bounds flow JSON downloads: identical downloads under way (same flow, same URL) share one
 * upstream fetch and one buffer; at most `maxRunning` distinct downloads run at once and at most
 * `maxQueued` wait; past that the caller is told "busy" (the proxy answers a Problem with
 * Retry-After that the browser retries). A download whose every caller went away is aborted (or
 * dropped from the queue) and its buffer freed.
 */
export const DEFAULT_DOWNLOAD_LIMITS = { maxRunning: 4, maxQueued: 16, busyRetryAfterSeconds: 2 } as const;

export const BUSY = Symbol('busy');

interface Entry<T> {
  key: string;
  task: (signal: AbortSignal) => Promise<T>;
  controller: AbortController;
  callers: number;
  state: 'queued' | 'running';
  settle: { resolve: (value: T) => void; reject: (error: unknown) => void };
  promise: Promise<T>;
}

export interface PoolStats {
  running: number;
  queued: number;
  callers: number;
}

export class DownloadPool<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly queue: Entry<T>[] = [];
  private running = 0;
  private readonly maxRunning: number;
  private readonly maxQueued: number;

  constructor(options: { maxRunning?: number; maxQueued?: number } = {}) {
    this.maxRunning = options.maxRunning ?? DEFAULT_DOWNLOAD_LIMITS.maxRunning;
    this.maxQueued = options.maxQueued ?? DEFAULT_DOWNLOAD_LIMITS.maxQueued;
  }

  stats(): PoolStats {
    let callers = 0;
    for (const e of this.entries.values()) callers += e.callers;
    return { running: this.running, queued: this.queue.length, callers };
  }

  /**
   * The task's result for `key`, shared with every caller asking for the same key meanwhile; BUSY
   * when the pool is full. Rejects with the signal's reason when this caller's signal aborts.
   */
  run(key: string, task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T | typeof BUSY> {
    signal?.throwIfAborted();
    let entry = this.entries.get(key);
    if (!entry) {
      const canRun = this.running < this.maxRunning;
      if (!canRun && this.queue.length >= this.maxQueued) return Promise.resolve(BUSY);
      entry = this.create(key, task);
      if (canRun) this.start(entry);
      else this.queue.push(entry);
    }
    return this.subscribe(entry, signal);
  }

  private create(key: string, task: (signal: AbortSignal) => Promise<T>): Entry<T> {
    let settle!: Entry<T>['settle'];
    const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    // Nobody may be listening when it fails (every caller left): that is not an unhandled error.
    promise.catch(() => {});
    const entry: Entry<T> = { key, task, controller: new AbortController(), callers: 0, state: 'queued', settle, promise };
    this.entries.set(key, entry);
    return entry;
  }

  private start(entry: Entry<T>): void {
    entry.state = 'running';
    this.running++;
    let task: Promise<T>;
    try {
      task = entry.task(entry.controller.signal);
    } catch (error) {
      task = Promise.reject(error);
    }
    task.then(entry.settle.resolve, entry.settle.reject).finally(() => {
      this.running--;
      // Later callers fetch afresh: a finished download's buffer belongs to its callers only.
      if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.maxRunning && this.queue.length > 0) this.start(this.queue.shift()!);
  }

  private subscribe(entry: Entry<T>, signal: AbortSignal | undefined): Promise<T> {
    entry.callers++;
    if (!signal) return entry.promise;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        entry.callers--;
        if (entry.callers > 0) return;
        // The last caller left: stop the download (or drop it from the queue) and forget it.
        if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
        if (entry.state === 'queued') {
          this.queue.splice(this.queue.indexOf(entry), 1);
          entry.settle.reject(signal.reason);
        } else {
          entry.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', leave, { once: true });
      entry.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }
}
