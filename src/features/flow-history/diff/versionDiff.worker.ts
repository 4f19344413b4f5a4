/**
 * Compares two stored versions of a flow JSON off the page's main thread: pretty-printing minified
 * sides and the line diff of 10 MB texts run here; the page gets the changes back (and a text only
 * when it was pretty-printed).
 */
import { compareForTransfer, type DiffRequest, type DiffResponse } from './operations';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DiffRequest>) => void) | null;
  postMessage(message: DiffResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data: { id, a, b } }) => {
  try {
    scope.postMessage({ id, ok: true, result: compareForTransfer(a, b) });
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
