/**
 * Sends the comparison of two stored versions to one shared Web Worker (as the flow page's JSON
 * work: ../../flow-detail/analysis/client.ts), so pretty-printing and diffing two 10 MB texts
 * never block the page. The worker reads the versions itself (see DiffRequest); if it fails to
 * read or compare them, they are compared here. Falls back to this thread where there is no Worker (unit tests) or when
 * the worker fails; the in-thread code is then loaded on demand, so this module stays small enough
 * for the app's first chunk.
 */
import type { VersionDiff } from '../../../lib/flow-history/diffVersions';
import { withTexts, type DiffRequest, type DiffResponse } from './operations';

interface Pending {
  paths: DiffRequest['paths'];
  a: string;
  b: string;
  resolve: (result: VersionDiff) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

const inThread = async (a: string, b: string) => withTexts((await import('./operations')).compareForTransfer(a, b), a, b);

function abandonWorker() {
  worker?.terminate();
  worker = null;
  const entries = [...pending.values()];
  pending.clear();
  for (const entry of entries) inThread(entry.a, entry.b).then(entry.resolve, entry.reject);
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./versionDiff.worker.ts', import.meta.url), { type: 'module', name: 'flow-json-diff' });
  } catch {
    return (worker = null);
  }
  worker.onmessage = ({ data }: MessageEvent<DiffResponse>) => {
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.ok) entry.resolve(withTexts(data.result, entry.a, entry.b));
    else inThread(entry.a, entry.b).then(entry.resolve, entry.reject);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    abandonWorker();
  };
  worker.onmessageerror = abandonWorker;
  return worker;
}

/** Starts the worker (and loads its code) ahead of the first comparison. */
export function warmDiffWorker(): void {
  getWorker();
}

/**
 * The two versions (older, newer) as shown, and their changes; computed in the worker when there
 * is one. `paths`: where the page downloaded `a` and `b`.
 */
export function diffVersionsOffThread(paths: DiffRequest['paths'], a: string, b: string): Promise<VersionDiff> {
  const w = getWorker();
  if (!w) return inThread(a, b);
  const id = nextId++;
  return new Promise<VersionDiff>((resolve, reject) => {
    pending.set(id, { paths, a, b, resolve, reject });
    w.postMessage({ id, paths, lengths: [a.length, b.length] } satisfies DiffRequest);
  });
}
