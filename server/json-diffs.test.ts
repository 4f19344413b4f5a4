// @vitest-environment node
/**
 * Comparisons of stored versions: computed once per pair (in the worker thread, or by a test's
 * engine), kept in the database across restarts, bounded while busy, and a failure said as one.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonChanges } from '../src/lib/flow-history/hunks';
import { makeFlowDetail } from '../src/model/flow';
import { JsonChangesSchema } from '../src/model/history';
import { createDiffWorker, createJsonDiffs, DiffFailedError, DiffsBusyError, JSON_DIFF_FORMAT, type DiffEngine } from './json-diffs';
import { openTestDatabase, TEST_ENGINES } from './testing/database';
import { createStore, type Store } from './store/store';

const REF = { accountId: 'acc', channelId: 'ch' };
const FLOW = 'f1';
const doc = (title: string) => JSON.stringify({ version: '6.0', screens: [{ id: 'ONE', title, layout: { type: 'SingleColumnLayout', children: [] } }] }, null, 2);
const OLD = doc('Sign up');
const NEW = doc('Sign in');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** An engine computing on this thread, counting its jobs; `gate` holds every job until opened. */
function countingEngine(gate?: Promise<void>) {
  const engine = {
    jobs: 0,
    async compute(job: Parameters<DiffEngine['compute']>[0]) {
      engine.jobs++;
      await gate;
      return jsonChanges(job.before, job.after, { errorsA: job.errorsA, errorsB: job.errorsB });
    },
    close: async () => {},
  };
  return engine;
}

describe.each(TEST_ENGINES)('comparisons of stored versions on %s', (_engine, url) => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestDatabase(url);
    close = opened.close;
    store = createStore(opened.db);
    await store.recordJson(REF, FLOW, sha(OLD), OLD, '2026-11-27T12:00:00Z', 'sync', 'p');
    await store.recordJson(REF, FLOW, sha(NEW), NEW, '2026-11-28T12:00:00Z', 'sync', 'p');
  });
  afterAll(() => close());

  it('computes a pair once, keeps it in the database, and reads it there after a restart', async () => {
    const engine = countingEngine();
    const diffs = createJsonDiffs(store.history, engine);
    const body = await diffs.get(REF, FLOW, sha(OLD), sha(NEW));
    const changes = JsonChangesSchema.parse(JSON.parse(body!));
    expect(changes.changed).toBe(2);
    expect(changes.hunks[0]!.lines.find((l) => l.kind === 'added')!.text).toContain('Sign in');
    expect(await diffs.get(REF, FLOW, sha(OLD), sha(NEW))).toBe(body);
    expect(engine.jobs).toBe(1);
    const restarted = countingEngine();
    expect(JSON.parse((await createJsonDiffs(store.history, restarted).get(REF, FLOW, sha(OLD), sha(NEW)))!)).toEqual(changes);
    expect(restarted.jobs).toBe(0);
  });

  it('computes again a pair stored in another format', async () => {
    await store.history.saveJsonDiff(REF, FLOW, sha(NEW), sha(OLD), JSON_DIFF_FORMAT - 1, { stale: true });
    const engine = countingEngine();
    const body = await createJsonDiffs(store.history, engine).get(REF, FLOW, sha(NEW), sha(OLD));
    expect(JSON.parse(body!)).toMatchObject({ changed: 2, complete: true });
    expect(engine.jobs).toBe(1);
  });

  it('answers null for a version this flow never had, without computing', async () => {
    const engine = countingEngine();
    const diffs = createJsonDiffs(store.history, engine);
    expect(await diffs.get(REF, 'other-flow', sha(OLD), sha(NEW))).toBeNull();
    expect(await diffs.get(REF, FLOW, sha(OLD), '0'.repeat(64))).toBeNull();
    expect(engine.jobs).toBe(0);
  });

  it('says a failed comparison failed, and tries again at the next request', async () => {
    let fail = true;
    const engine: DiffEngine = {
      compute: async (job) => {
        if (fail) throw new Error('out of memory');
        return jsonChanges(job.before, job.after);
      },
      close: async () => {},
    };
    const diffs = createJsonDiffs(store.history, engine);
    const other = doc('Register');
    await store.recordJson(REF, FLOW, sha(other), other, '2026-11-28T13:00:00Z', 'sync', 'p');
    await expect(diffs.get(REF, FLOW, sha(NEW), sha(other))).rejects.toThrow(DiffFailedError);
    await expect(diffs.get(REF, FLOW, sha(NEW), sha(other))).rejects.toThrow(/could not be compared: out of memory/);
    fail = false;
    expect(JSON.parse((await diffs.get(REF, FLOW, sha(NEW), sha(other)))!)).toMatchObject({ changed: 2 });
  });

  it('prepares the one-click comparisons of a new version: with the previous one, the last without errors, the last published', async () => {
    const flow = 'f-one-click';
    const error = { code: 'INVALID_PROPERTY_VALUE', type: null, message: 'Bad title', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] };
    const [v1, v2, v3] = ['Published', 'Broken', 'Still broken'].map(doc) as [string, string, string];
    // v1 while published without errors; v2 and v3 while a draft with an error.
    await store.recordDetail(REF, 'p', makeFlowDetail({ id: flow, name: 'One click', status: 'PUBLISHED', validationErrors: [] }), '2026-11-20T10:00:00Z');
    await store.recordJson(REF, flow, sha(v1), v1, '2026-11-20T10:00:00Z', 'sync', 'p');
    await store.recordDetail(REF, 'p', makeFlowDetail({ id: flow, name: 'One click', status: 'DRAFT', validationErrors: [error] }), '2026-11-21T10:00:00Z');
    await store.recordJson(REF, flow, sha(v2), v2, '2026-11-21T10:00:00Z', 'sync', 'p');
    await store.recordJson(REF, flow, sha(v3), v3, '2026-11-22T10:00:00Z', 'sync', 'p');
    const engine = countingEngine();
    const diffs = createJsonDiffs(store.history, engine);
    diffs.prepareLatest(REF, flow);
    // v2 → v3 (the previous version) and v1 → v3 (both the last without errors and the last published): two pairs.
    await vi.waitFor(() => expect(engine.jobs).toBe(2));
    await vi.waitFor(() => expect(diffs.waiting).toBe(0));
    const restarted = countingEngine();
    const again = createJsonDiffs(store.history, restarted);
    for (const from of [v2, v1]) expect(JSON.parse((await again.get(REF, flow, sha(from), sha(v3)))!)).toMatchObject({ changed: 2 });
    expect(restarted.jobs).toBe(0);
  });

  it('prepares nothing once closed (the server is stopping)', async () => {
    const engine = countingEngine();
    const errors: Error[] = [];
    const diffs = createJsonDiffs(store.history, engine, (error) => errors.push(error));
    await diffs.close();
    // A pair never compared (recorded by the test before).
    diffs.prepare(REF, FLOW, sha(OLD), sha(doc('Register')));
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.jobs).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets at most 16 comparisons wait, and prepares in the background only while few wait', async () => {
    let open!: () => void;
    const engine = countingEngine(new Promise<void>((resolve) => (open = resolve)));
    const diffs = createJsonDiffs(store.history, engine);
    const texts = Array.from({ length: 18 }, (_, i) => doc(`Title ${i}`));
    for (const [i, text] of texts.entries()) await store.recordJson(REF, FLOW, sha(text), text, `2026-11-29T00:00:${String(i).padStart(2, '0')}Z`, 'sync', 'p');
    const pairs = texts.slice(1).map((text, i) => [sha(texts[i]!), sha(text)] as const);
    const waiting = pairs.slice(0, 16).map(([from, to]) => diffs.get(REF, FLOW, from, to));
    await vi.waitFor(() => expect(diffs.waiting).toBe(16));
    const [from, to] = pairs[16]!;
    await expect(diffs.get(REF, FLOW, from, to)).rejects.toThrow(DiffsBusyError);
    diffs.prepare(REF, FLOW, from, to);
    open();
    expect((await Promise.all(waiting)).every((body) => body !== null)).toBe(true);
    // The background one was left for its first request: 16 jobs ran, not 17.
    expect(engine.jobs).toBe(16);
  });
});

describe('the comparison worker thread', () => {
  it('computes in a worker thread what jsonChanges computes here', async () => {
    const worker = createDiffWorker();
    try {
      expect(await worker.compute({ before: OLD, after: NEW, errorsA: null, errorsB: null })).toEqual(jsonChanges(OLD, NEW));
    } finally {
      await worker.close();
    }
  });
});
