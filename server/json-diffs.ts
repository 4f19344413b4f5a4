/**
 * The changes between two stored versions of a flow's JSON, as the comparison shows them first
 * (src/lib/flow-history/hunks.ts: changed lines with their context and each side's errors, a few
 * KB), so opening a comparison needs neither of the two texts in the browser.
 *
 * Computed once per pair in a worker thread, kept in the database (json_diffs) and the last ones
 * in memory. A new version recorded by a sync or an agent gets its one-click comparisons prepared
 * in the background (with the version before it, the last without validation errors and the last
 * published: comparisonTargets, as the History section offers them), so opening them reads, never
 * computes; any other pair is computed at its first request. Bounded: one comparison at a time, at
 * most MAX_WAITING waiting (then "busy"), background ones only while fewer than
 * BACKGROUND_WAITING wait (the others are left for their first request), MEMORY_BYTES of answers
 * in memory.
 */
import { Worker } from 'node:worker_threads';
import type { ChannelRef, ValidationError } from '../src/model/flow';
import type { JsonChanges } from '../src/model/history';
import { comparisonTargets } from '../src/features/flow-history/model';
import { createMemoryCache } from './memory-cache';
import type { HistoryStore } from './store/history';

/** The shape of the stored changes; bump it when jsonChanges' answer changes, and old rows are computed again. */
export const JSON_DIFF_FORMAT = 1;
const MAX_WAITING = 16;
const BACKGROUND_WAITING = 4;
const MEMORY_BYTES = 16 * 1024 * 1024;
/** An idle worker thread is stopped after this long (its heap held two texts). */
const WORKER_IDLE_MS = 60_000;

export interface DiffJob {
  id: number;
  before: string;
  after: string;
  errorsA: readonly ValidationError[] | null;
  errorsB: readonly ValidationError[] | null;
}
export type DiffJobResult = { id: number; ok: true; changes: JsonChanges } | { id: number; ok: false; message: string };
export type ComputeDiff = (job: Omit<DiffJob, 'id'>) => Promise<JsonChanges>;
/** Where comparisons are computed: the worker thread, or a test's function. */
export interface DiffEngine {
  compute: ComputeDiff;
  close: () => Promise<void>;
}

/** More comparisons are waiting than the server takes: the route answers 503. */
export class DiffsBusyError extends Error {}
/** The comparison itself failed (not the database): the route says so. */
export class DiffFailedError extends Error {}

/**
 * Runs jsonChanges in one worker thread, one job at a time (the jobs wait in createJsonDiffs).
 * From the sources (tests, tsx) the worker loads TypeScript through tsx; from the bundle it is
 * plain JavaScript. A worker that fails or exits fails its jobs; the next job starts another.
 */
export function createDiffWorker(): DiffEngine {
  const url = new URL(`./json-diff.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url);
  let worker: Worker | null = null;
  let nextId = 1;
  let idle: NodeJS.Timeout | undefined;
  const pending = new Map<number, { resolve: (c: JsonChanges) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error) => {
    worker = null;
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.reject(error);
  };
  const start = () => {
    const w = url.pathname.endsWith('.ts')
      ? // A worker does not inherit the loader: register tsx, then load the worker's module.
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, name: 'json-diff' })
      : new Worker(url, { name: 'json-diff' });
    w.unref();
    w.on('message', (result: DiffJobResult) => {
      const entry = pending.get(result.id);
      if (!entry) return;
      pending.delete(result.id);
      if (result.ok) entry.resolve(result.changes);
      else entry.reject(new Error(result.message));
      if (pending.size === 0) idle = setTimeout(() => void w.terminate(), WORKER_IDLE_MS).unref();
    });
    w.on('error', (error) => {
      if (worker === w) failAll(error);
    });
    w.on('exit', () => {
      if (worker === w) failAll(new Error('its worker thread stopped'));
    });
    return w;
  };

  return {
    compute(job) {
      clearTimeout(idle);
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<JsonChanges>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, ...job } satisfies DiffJob);
      });
    },
    async close() {
      clearTimeout(idle);
      const w = worker;
      worker = null;
      failAll(new Error('the server is stopping'));
      await w?.terminate();
    },
  };
}

type DiffHistory = Pick<HistoryStore, 'jsonDiff' | 'saveJsonDiff' | 'jsonVersions' | 'jsonVersionText'>;

export function createJsonDiffs(history: DiffHistory, engine: DiffEngine = createDiffWorker(), onBackgroundError: (error: Error) => void = () => {}) {
  /** Answers (JSON text), the last ones used. */
  const memory = createMemoryCache<string>(MEMORY_BYTES, (body) => body.length);
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  let closed = false;

  /** One comparison at a time (each holds two texts of up to 10 MB and a worker busy). */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    if (waiting >= MAX_WAITING) return Promise.reject(new DiffsBusyError('Flow Desk is comparing other versions right now: try again in a minute.'));
    waiting++;
    const result = queue.then(work).finally(() => waiting--);
    queue = result.catch(() => {});
    return result;
  };

  async function load(ref: ChannelRef, flowId: string, from: string, to: string): Promise<string | null> {
    const stored = await history.jsonDiff(ref, flowId, from, to, JSON_DIFF_FORMAT);
    if (stored !== null) return JSON.stringify(stored);
    return serially(async () => {
      const versions = await history.jsonVersions(ref, flowId);
      const a = versions.find((v) => v.sha256 === from);
      const b = versions.find((v) => v.sha256 === to);
      if (!a || !b) return null;
      const [before, after] = await Promise.all([history.jsonVersionText(ref, flowId, from), history.jsonVersionText(ref, flowId, to)]);
      if (before === null || after === null) return null;
      const changes = await engine.compute({ before, after, errorsA: a.validationErrors ?? null, errorsB: b.validationErrors ?? null }).catch((error: Error) => {
        throw new DiffFailedError(`The two versions could not be compared: ${error.message}`);
      });
      await history.saveJsonDiff(ref, flowId, from, to, JSON_DIFF_FORMAT, changes);
      return JSON.stringify(changes);
    });
  }

  const diffs = {
    /** The changes of `from` into `to` as JSON text (a JsonChanges); null when either is not a stored version of this flow. */
    async get(ref: ChannelRef, flowId: string, from: string, to: string): Promise<string | null> {
      return memory.get(`${ref.accountId}\n${ref.channelId}\n${flowId}\n${from}\n${to}`, () => load(ref, flowId, from, to));
    },

    /** Computes and keeps the changes in the background (a version was just recorded after `from`). */
    prepare(ref: ChannelRef, flowId: string, from: string, to: string): void {
      if (closed || waiting >= BACKGROUND_WAITING) return;
      diffs.get(ref, flowId, from, to).catch((error: Error) => {
        // Busy: left for its first request. Closed: the server is stopping, nothing to report.
        if (!(error instanceof DiffsBusyError) && !closed) onBackgroundError(error);
      });
    },

    /**
     * Prepares, in the background, the comparisons the History section offers for the flow's
     * newest version (a version was just recorded): with the previous one, the last without
     * validation errors, the last published; each pair once.
     */
    prepareLatest(ref: ChannelRef, flowId: string): void {
      if (closed) return;
      history
        .jsonVersions(ref, flowId)
        .then((versions) => {
          const { previous, lastValid, lastPublished } = comparisonTargets(versions);
          const pairs = new Map([previous, lastValid, lastPublished].filter((c) => c !== null).map((c) => [`${c.from}\n${c.to}`, c]));
          for (const { from, to } of pairs.values()) diffs.prepare(ref, flowId, from, to);
        })
        .catch((error: Error) => {
          if (!closed) onBackgroundError(error);
        });
    },

    /** Comparisons waiting for their turn (or computing). */
    get waiting() {
      return waiting;
    },

    /** Stops the worker; comparisons under way fail, and background ones say nothing. */
    close() {
      closed = true;
      return engine.close();
    },
  };
  return diffs;
}

export type JsonDiffs = ReturnType<typeof createJsonDiffs>;
