/**
 * The worker thread that compares two stored versions of a flow JSON (see json-diffs.ts): 10 MB
 * sides take from half a second to two seconds of CPU, which the server's event loop must not
 * spend. Lives next to main.ts so that its path is the same from the sources and from the bundle.
 */
import { parentPort } from 'node:worker_threads';
import { jsonChanges } from '../src/lib/flow-history/hunks';
import type { DiffJob, DiffJobResult } from './json-diffs';

parentPort!.on('message', ({ id, before, after, errorsA, errorsB }: DiffJob) => {
  let result: DiffJobResult;
  try {
    result = { id, ok: true, changes: jsonChanges(before, after, { errorsA, errorsB }) };
  } catch (error) {
    result = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result);
});
