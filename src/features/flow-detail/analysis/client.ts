/**
 * Sends flow JSON work to one shared Web Worker, so parsing and locating in a 10 MB document
 * never block the page. Falls back to running in this thread where there is no Worker (unit
 * tests) or when the worker fails to start.
 */
import { afterNextPaint } from '../background';
import { runOperation, unpackResult, type Operation, type Operations, type WorkerCopy, type WorkerRequest, type WorkerResponse } from './operations';
import type { TextCopy } from '../../../api/flows';

interface Pending {
  op: Operation;
  text: string;
  input: Operations[Operation]['input'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
/** The document the worker holds: each text crosses to the worker once. */
let held: { doc: number; text: string } | null = null;
let docCount = 0;

const inThread = <K extends Operation>(op: K, text: string, input: Operations[K]['input']) =>
  new Promise<Operations[K]['result']>((resolve) => resolve(runOperation(op, text, input)));

function settle(entry: Pending, run: () => unknown) {
  try {
    entry.resolve(run());
  } catch (error) {
    entry.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The worker failed to load or crashed: finish what it had in this thread, and stop using it. */
function abandonWorker() {
  worker?.terminate();
  worker = null;
  held = null;
  const entries = [...pending.values()];
  pending.clear();
  for (const entry of entries) settle(entry, () => runOperation(entry.op, entry.text, entry.input));
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./flowJson.worker.ts', import.meta.url), { type: 'module', name: 'flow-json' });
  } catch {
    return (worker = null);
  }
  worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.ok) settle(entry, () => unpackResult(entry.op, data.result));
    else entry.reject(new Error(data.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    abandonWorker();
  };
  worker.onmessageerror = abandonWorker;
  return worker;
}

/** Starts the worker (and loads its code) ahead of the first document. */
export function warmFlowJsonWorker(): void {
  getWorker();
}

/**
 * Copies a text to the worker while it downloads, piece by piece (each post small), so that the
 * worker holds it when the first operation on it comes: posting the whole of a 10 MB text at once
 * is a copy of 40-250 ms on the page's main thread. Where there is no worker, copies nothing.
 */
export function copyTextToWorker(): TextCopy {
  const w = getWorker();
  const doc = ++docCount;
  const post = (message: WorkerCopy) => {
    if (worker === w) w?.postMessage(message);
  };
  return {
    push: (piece) => post({ copy: 'piece', doc, piece }),
    end: (text) => {
      post({ copy: text === '' ? 'drop' : 'end', doc });
      // An empty text has no piece: it goes with its first request, as any text the worker does not hold.
      if (w && worker === w && text !== '') held = { doc, text };
    },
    drop: () => post({ copy: 'drop', doc }),
  };
}

/**
 * Runs `op` on `text` in the worker, after the next paint; rejects with the operation's error
 * (e.g. "not valid JSON").
 */
export async function runFlowJsonOperation<K extends Operation>(op: K, text: string, input: Operations[K]['input']): Promise<Operations[K]['result']> {
  const w = getWorker();
  if (!w) return inThread(op, text, input);
  // Copying a 10 MB text to the worker takes a while: not before the first screen is painted.
  await afterNextPaint();
  // The worker may have crashed while we waited: a terminated worker would never answer.
  if (worker !== w) return inThread(op, text, input);
  const id = nextId++;
  const request: WorkerRequest = { id, op, doc: 0, input };
  if (held && held.text === text) {
    request.doc = held.doc;
  } else {
    held = { doc: ++docCount, text };
    request.doc = held.doc;
    request.text = text;
  }
  return new Promise((resolve, reject) => {
    pending.set(id, { op, text, input, resolve: resolve as (r: unknown) => void, reject });
    w.postMessage(request);
  });
}
