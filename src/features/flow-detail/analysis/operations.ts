/** The work the flow JSON worker does, shared with the in-thread fallback (tests, no Worker). */
import { inspectFlowScreens, packScreens, screenOf, unpackScreens, type FlowInspection, type PackedScreens, type ScreenWanted } from '../../../lib/flow-screens';
import { formatWithErrors, pathsAtPositions, placeErrors, type FormattedFlowJson, type JsonPath, type PlacedErrors } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';

/** Each operation's input (besides the text) and result. */
export interface Operations {
  place: { input: ValidationError[]; result: PlacedErrors };
  /** The parse check, screen ids, the screens view (map, layout) and the wanted screen's JSON, from one parse. */
  inspect: { input: ScreenWanted | undefined; result: FlowInspection };
  /** Screen i's JSON value (undefined past the last screen), from the parse kept since the inspection. */
  screen: { input: number; result: unknown };
  format: { input: ValidationError[]; result: FormattedFlowJson };
  /** The JSON path each error's reported position points at (for errors without a pointer path), null where none. */
  paths: { input: ValidationError[]; result: (JsonPath | null)[] };
}

/** A clock comparable across the page and its worker (milliseconds since the epoch, sub-millisecond). */
const sharedClock = () => performance.timeOrigin + performance.now();
export type Operation = keyof Operations;

/** The last text parsed here and its value: the screens are read from it without parsing again. */
let parsed: { text: string; flow: unknown } | null = null;
function parseKept(text: string): unknown {
  if (parsed?.text !== text) parsed = { text, flow: JSON.parse(text) as unknown };
  return parsed.flow;
}

export function runOperation<K extends Operation>(op: K, text: string, input: Operations[K]['input']): Operations[K]['result'] {
  type Result = Operations[K]['result'];
  switch (op) {
    case 'place':
      return placeErrors(text, (input as ValidationError[] | undefined) ?? []) as Result;
    case 'inspect':
      return inspectFlowScreens(text, { wanted: input as ScreenWanted | undefined, clock: sharedClock, parse: parseKept }) as Result;
    case 'screen':
      return screenOf(parseKept(text), input as number) as Result;
    case 'format':
      return formatWithErrors(text, (input as ValidationError[] | undefined) ?? []) as Result;
    case 'paths':
      return pathsAtPositions(text, (input as ValidationError[] | undefined) ?? []).map((p) => p?.path ?? null) as Result;
  }
  throw new Error(`Unknown operation ${String(op)}`);
}

/**
 * An operation's result as the worker posts it, with the buffers it moves: the inspection's
 * screens view packed (see packScreens), every other result as it is.
 */
export function packResult(op: Operation, result: unknown): { result: unknown; transfer: ArrayBuffer[] } {
  const screens = op === 'inspect' ? (result as FlowInspection).screens : null;
  if (!screens) return { result, transfer: [] };
  const { packed, transfer } = packScreens(screens);
  return { result: { ...(result as FlowInspection), screens: packed }, transfer };
}

/** The result `packResult` packed, on the page. */
export function unpackResult(op: Operation, result: unknown): unknown {
  if (op !== 'inspect') return result;
  const packed = result as Omit<FlowInspection, 'screens'> & { screens: PackedScreens | null };
  return packed.screens ? { ...packed, screens: unpackScreens(packed.screens) } : packed;
}

/** A request to the worker. `text` is sent only when the worker does not hold document `doc` yet. */
export interface WorkerRequest {
  id: number;
  op: Operation;
  doc: number;
  text?: string;
  input?: Operations[Operation]['input'];
}

/**
 * A document's text copied to the worker piece by piece while it downloads: the pieces in order,
 * then `end` (the worker then holds it, as if its text had come with a request) or `drop`.
 */
export type WorkerCopy = { copy: 'piece'; doc: number; piece: string } | { copy: 'end' | 'drop'; doc: number };

export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };
