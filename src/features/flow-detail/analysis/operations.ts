/** The work the flow JSON worker does, shared with the in-thread fallback (tests, no Worker). */
import { inspectFlowScreens, packScreens, unpackScreens, type FlowInspection, type PackedScreens, type ScreenWanted } from '../../../lib/flow-screens';
import { arrayItemRanges, formatWithErrors, pathsAtPositions, placeErrors, type FormattedFlowJson, type JsonPath, type PlacedErrors, type Range } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';

/** Each operation's input (besides the text) and result. */
export interface Operations {
  place: { input: ValidationError[]; result: PlacedErrors };
  /** The parse check, screen ids, the screens view (map, layout) and the wanted screen's JSON, from one parse. */
  inspect: { input: ScreenWanted | undefined; result: FlowInspection };
  /** Screen i's JSON value (undefined past the last screen), parsed from its place in the text. */
  screen: { input: number; result: unknown };
  format: { input: ValidationError[]; result: FormattedFlowJson };
  /** The JSON path each error's reported position points at (for errors without a pointer path), null where none. */
  paths: { input: ValidationError[]; result: (JsonPath | null)[] };
}

/** A clock comparable across the page and its worker (milliseconds since the epoch, sub-millisecond). */
const sharedClock = () => performance.timeOrigin + performance.now();
export type Operation = keyof Operations;

/**
 * Where each screen sits in the last text a screen was asked of. The inspection's parse is not
 * kept: held, the objects of a 10 MB parse made the worker's next minor garbage collection take
 * 25-55 ms in traces (it copies them all), in the time the page draws the map, on the other core of a
 * two-core machine; dropped, it takes a millisecond. A screen is parsed from its place in the text.
 */
let screenSpans: { text: string; spans: Range[] } | null = null;
function screenInText(text: string, index: number): unknown {
  if (screenSpans?.text !== text) screenSpans = { text, spans: arrayItemRanges(text, ['screens']) };
  const span = Number.isInteger(index) && index >= 0 ? screenSpans.spans[index] : undefined;
  return span && (JSON.parse(text.slice(span.from, span.to)) as unknown);
}

export function runOperation<K extends Operation>(op: K, text: string, input: Operations[K]['input']): Operations[K]['result'] {
  type Result = Operations[K]['result'];
  switch (op) {
    case 'place':
      return placeErrors(text, (input as ValidationError[] | undefined) ?? []) as Result;
    case 'inspect':
      return inspectFlowScreens(text, { wanted: input as ScreenWanted | undefined, clock: sharedClock }) as Result;
    case 'screen':
      return screenInText(text, input as number) as Result;
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
