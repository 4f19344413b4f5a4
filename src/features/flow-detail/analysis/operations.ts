/** The work the flow JSON worker does, shared with the in-thread fallback (tests, no Worker). */
import { inspectFlowScreens, type FlowInspection } from '../../../lib/flow-screens';
import { formatWithErrors, pathsAtPositions, placeErrors, type FormattedFlowJson, type JsonPath, type PlacedErrors } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';

export interface Operations {
  place: { errors: ValidationError[]; result: PlacedErrors };
  /** The parse check, screen ids and the screens view (map, layout, each screen's JSON), from one parse. */
  inspect: { errors?: undefined; result: FlowInspection };
  format: { errors: ValidationError[]; result: FormattedFlowJson };
  /** The JSON path each error's reported position points at (for errors without a pointer path), null where none. */
  paths: { errors: ValidationError[]; result: (JsonPath | null)[] };
}

/** A clock comparable across the page and its worker (milliseconds since the epoch, sub-millisecond). */
const sharedClock = () => performance.timeOrigin + performance.now();
export type Operation = keyof Operations;

export function runOperation<K extends Operation>(op: K, text: string, errors: Operations[K]['errors']): Operations[K]['result'] {
  switch (op) {
    case 'place':
      return placeErrors(text, errors ?? []) as Operations[K]['result'];
    case 'inspect':
      return inspectFlowScreens(text, sharedClock) as Operations[K]['result'];
    case 'format':
      return formatWithErrors(text, errors ?? []) as Operations[K]['result'];
    case 'paths':
      return pathsAtPositions(text, errors ?? []).map((p) => p?.path ?? null) as Operations[K]['result'];
  }
  throw new Error(`Unknown operation ${String(op)}`);
}

/** A request to the worker. `text` is sent only when the worker does not hold document `doc` yet. */
export interface WorkerRequest {
  id: number;
  op: Operation;
  doc: number;
  text?: string;
  errors?: ValidationError[];
}

export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };
