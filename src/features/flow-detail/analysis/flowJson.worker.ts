/**
 * Runs the flow JSON work off the main thread. Holds the last document, so each text crosses
 * once: with a request, or copied piece by piece while it downloads (then joined here, not on the
 * page).
 */
import { packResult, runOperation, type WorkerCopy, type WorkerRequest, type WorkerResponse } from './operations';
import { warmUpWorker } from './warmUp';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest | WorkerCopy>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let current: { doc: number; text: string } | null = null;
/** Documents being copied (a new download may start before the last one's end or drop), their pieces so far. */
const copying = new Map<number, string[]>();

function takeCopy(message: WorkerCopy) {
  const { doc } = message;
  if (message.copy === 'piece') {
    const pieces = copying.get(doc);
    if (pieces) pieces.push(message.piece);
    else copying.set(doc, [message.piece]);
    return;
  }
  const pieces = copying.get(doc);
  copying.delete(doc);
  if (message.copy === 'end' && pieces) current = { doc, text: pieces.join('') };
}

scope.onmessage = ({ data }) => {
  if ('copy' in data) return takeCopy(data);
  const { id, op, doc, text, input } = data;
  if (text !== undefined) current = { doc, text };
  try {
    if (current?.doc !== doc) throw new Error('The flow JSON worker lost the document; retry.');
    const { result, transfer } = packResult(op, runOperation(op, current.text, input));
    scope.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};

// Before any message: the page starts the worker ahead of the first document.
warmUpWorker();
