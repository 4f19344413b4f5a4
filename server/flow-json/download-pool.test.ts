// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock';
import { streamBuffer } from '../http/stream-answer';
import { BUSY, DownloadPool } from './download-pool';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DownloadPool', () => {
  it('shares one task (and its one result) between identical callers', async () => {
    const pool = new DownloadPool<Uint8Array>({ maxRunning: 2, maxQueued: 0 });
    const gate = deferred<Uint8Array>();
    let started = 0;
    const task = () => (started++, gate.promise);
    const callers = Array.from({ length: 200 }, () => pool.run('flow-1 url', task));
    expect(started).toBe(1);
    expect(pool.stats()).toEqual({ running: 1, queued: 0, callers: 200 });
    const body = new Uint8Array(10);
    gate.resolve(body);
    const results = await Promise.all(callers);
    expect(results.every((r) => r === body)).toBe(true);
    expect(pool.stats()).toEqual({ running: 0, queued: 0, callers: 0 });
  });

  it('runs at most maxRunning, queues maxQueued, and answers BUSY past that', async () => {
    const pool = new DownloadPool<string>({ maxRunning: 2, maxQueued: 1 });
    const gates = new Map<string, ReturnType<typeof deferred<string>>>();
    const task = (key: string) => () => {
      const gate = deferred<string>();
      gates.set(key, gate);
      return gate.promise;
    };
    const a = pool.run('a', task('a'));
    const b = pool.run('b', task('b'));
    const c = pool.run('c', task('c'));
    expect(await pool.run('d', task('d'))).toBe(BUSY);
    expect([...gates.keys()]).toEqual(['a', 'b']);
    expect(pool.stats()).toMatchObject({ running: 2, queued: 1 });
    gates.get('a')!.resolve('A');
    expect(await a).toBe('A');
    await new Promise((resolve) => setImmediate(resolve));
    expect([...gates.keys()]).toEqual(['a', 'b', 'c']);
    gates.get('b')!.resolve('B');
    gates.get('c')!.resolve('C');
    expect(await Promise.all([b, c])).toEqual(['B', 'C']);
  });

  it('aborts the shared task only when the last caller leaves, and drops a queued one', async () => {
    const pool = new DownloadPool<string>({ maxRunning: 1, maxQueued: 1 });
    let taskSignal: AbortSignal | undefined;
    const one = new AbortController();
    const two = new AbortController();
    const first = pool.run('a', (signal) => ((taskSignal = signal), new Promise<string>(() => {})), one.signal);
    const second = pool.run('a', () => Promise.resolve('never'), two.signal);
    const queuedCaller = new AbortController();
    let queuedStarted = false;
    const queued = pool.run('b', async () => ((queuedStarted = true), 'B'), queuedCaller.signal);
    one.abort(new Error('first left'));
    await expect(first).rejects.toThrow('first left');
    expect(taskSignal!.aborted).toBe(false);
    queuedCaller.abort(new Error('queued left'));
    await expect(queued).rejects.toThrow('queued left');
    expect(pool.stats().queued).toBe(0);
    two.abort(new Error('second left'));
    await expect(second).rejects.toThrow('second left');
    expect(taskSignal!.aborted).toBe(true);
    expect(queuedStarted).toBe(false);
  });
});

describe('streamBuffer', () => {
  it('makes a slice only when one is read (backpressure)', async () => {
    const clock = new ManualClock();
    const stream = streamBuffer(new Uint8Array(1000).fill(7), { sliceBytes: 300, clock });
    const reader = stream.getReader();
    const sizes: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) sizes.push(r.value.byteLength);
    expect(sizes).toEqual([300, 300, 300, 100]);
    expect(clock.pending).toBe(0);
  });

  it('cuts off a client that reads nothing within the idle deadline, and lets go of the buffer', async () => {
    const clock = new ManualClock();
    const cutOff: string[] = [];
    const stream = streamBuffer(new Uint8Array(1000), { sliceBytes: 100, idleMs: 10_000, clock, onCutOff: (r) => cutOff.push(r) });
    const reader = stream.getReader();
    await reader.read();
    clock.advance(9_999);
    await reader.read();
    clock.advance(9_999);
    expect(cutOff).toEqual([]);
    clock.advance(10_001);
    expect(cutOff).toEqual(['idle']);
    await expect(reader.read()).rejects.toThrow(/read nothing for 10000 ms/);
    expect(clock.pending).toBe(0);
  });

  it('lets the event loop run between slices, even for a reader that takes every slice at once', async () => {
    const stream = streamBuffer(new Uint8Array(10 * 64 * 1024), { clock: new ManualClock() });
    const reader = stream.getReader();
    let slices = 0;
    let slicesWhenOtherWorkRan = -1;
    setImmediate(() => (slicesWhenOtherWorkRan = slices));
    for (let r = await reader.read(); !r.done; r = await reader.read()) slices++;
    expect(slices).toBe(10);
    // Without the yield, the whole buffer went out in one run of microtasks, before any other callback.
    expect(slicesWhenOtherWorkRan).toBeGreaterThanOrEqual(0);
    expect(slicesWhenOtherWorkRan).toBeLessThan(10);
  });

  it('cuts off a client that reads too slowly overall', async () => {
    const clock = new ManualClock();
    const cutOff: string[] = [];
    const stream = streamBuffer(new Uint8Array(1000), { sliceBytes: 1, idleMs: 10_000, totalMs: 30_000, clock, onCutOff: (r) => cutOff.push(r) });
    const reader = stream.getReader();
    for (let i = 0; i < 4; i++) {
      await reader.read();
      clock.advance(9_000);
    }
    expect(cutOff).toEqual(['total']);
  });
});
