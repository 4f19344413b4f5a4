/**
 * Compares two stored versions of a flow JSON off the page's main thread: the texts are read here
 * (from the browser's cache: the page has just downloaded them, and they are immutable), then
 * pretty-printed when minified and diffed; the page gets the changes back (and a text only when it
 * was pretty-printed).
 */
import { readAndCompare, type DiffRequest, type DiffResponse } from './operations';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DiffRequest>) => void) | null;
  postMessage(message: DiffResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data: { id, paths, lengths } }) => {
  readAndCompare({ paths, lengths }).then(
    (result) => scope.postMessage({ id, ok: true, result }),
    (error: unknown) => scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
