/** Runs the flow JSON work off the main thread. Holds the last document, so each text crosses once. */
import { packResult, runOperation, type WorkerRequest, type WorkerResponse } from './operations';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let current: { doc: number; text: string } | null = null;

scope.onmessage = ({ data }) => {
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
