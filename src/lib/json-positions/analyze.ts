/**
 * What the flow detail page needs from a downloaded flow JSON, computed in as few passes as the
 * work allows (the page runs these in a Web Worker, so a 10 MB document never blocks the UI):
 * - `placeErrors`: every validation error's range with its line/column and a readable snippet
 *   (one line-start scan, one token scan, a JSON pass only for errors that need their path);
 *   `placeByPosition` is its cheap first half (no JSON pass), for the main thread;
 * - `inspectFlowJson`: whether the text parses (with the parse error's position if not) and the
 *   screen ids, for grouping errors by screen (one `JSON.parse`);
 * - `formatWithErrors`: the pretty-printed text with the errors re-located by path.
 */
import type { ValidationError } from '../../model/flow';
import { formatFlowJson, relocateByPath } from './format';
import { lineStartOffsets, offsetToLineColumn } from './lines';
import { locateByPosition, locateErrors } from './locate';
import { screenIdsOfFlow } from './screens';
import { findJsonSyntaxError, type JsonSyntaxError } from './syntax';
import type { LocatedError } from './types';

/** A located error with where it lies in the text it was placed in, and what it covers. */
export interface PlacedError extends LocatedError {
  /** 1-based line and column (UTF-16 code units) of `from`. */
  line: number;
  column: number;
  /** 1-based line and column of `to` (one past the last character). */
  endLine: number;
  endColumn: number;
  /** The covered text on one line, cut to `SNIPPET_MAX` characters; '' when unlocated. */
  snippet: string;
}

export interface PlacedErrors {
  placed: PlacedError[];
  /** Number of lines of the text (1 for a minified flow). */
  lineCount: number;
}

export interface FlowJsonInspection {
  /** The first syntax error, or null if the text is valid JSON. */
  syntaxError: JsonSyntaxError | null;
  /** `screens[i].id` per screen; [] if the text does not parse or is not a flow. */
  screenIds: (string | null)[];
}

export interface FormattedFlowJson extends PlacedErrors {
  text: string;
  /** True when the downloaded text already was exactly the formatted text. */
  unchanged: boolean;
}

export const SNIPPET_MAX = 120;

/** The text of a range on one line (line breaks and the indentation after them become one space), cut to `max`. */
export function snippetOf(text: string, from: number, to: number, max = SNIPPET_MAX): string {
  if (to <= from) return '';
  const end = Math.min(to, from + max * 4);
  const flat = text.slice(from, end).replace(/[ \t]*(?:\r\n?|\n)\s*/g, ' ');
  const cut = flat.length > max || end < to;
  return cut ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Adds line/column and the snippet to located errors. */
export function placeLocated(text: string, located: readonly LocatedError[], starts = lineStartOffsets(text)): PlacedError[] {
  return located.map(({ index, from, to, how }) => {
    const start = offsetToLineColumn(starts, from);
    const end = offsetToLineColumn(starts, to);
    // Spelled out, not `{ ...located, line, … }`: V8 builds a spread plus new properties ten times slower (10,000 errors: 50 ms).
    return {
      index,
      from,
      to,
      how,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      snippet: how === 'unlocated' ? '' : snippetOf(text, from, to),
    };
  });
}

/** Errors placed by their reported positions only; `pending` ones need their path (a JSON pass). */
export interface PositionalPlacement {
  /** By error index; undefined for pending errors. */
  placed: (PlacedError | undefined)[];
  /** Indices of the errors still to place (by `placeErrors`), ascending. */
  pending: number[];
  lineCount: number;
}

/**
 * The first half of `placeErrors`: token and column placements, without any JSON pass. Errors
 * that need their path, and errors that start at or after `until`, are left `pending`.
 */
export function placeByPosition(
  text: string,
  errors: readonly ValidationError[],
  starts = lineStartOffsets(text),
  until = Infinity,
): PositionalPlacement {
  const { located, needPath, later } = locateByPosition(text, errors, starts, until);
  const placed: (PlacedError | undefined)[] = new Array(errors.length).fill(undefined);
  const found = located.filter((l): l is LocatedError => l !== undefined);
  for (const p of placeLocated(text, found, starts)) placed[p.index] = p;
  const pending = later.length === 0 ? needPath : [...needPath, ...later].sort((a, b) => a - b);
  return { placed, pending, lineCount: starts.length };
}

/**
 * Completes a positional placement with `placeErrors(text, pending errors)`, whose indices count
 * within the pending list.
 */
export function completePlacement(partial: PositionalPlacement, pendingPlaced: readonly PlacedError[]): PlacedErrors {
  const placed = [...partial.placed];
  for (const p of pendingPlaced) {
    const index = partial.pending[p.index]!;
    placed[index] = { ...p, index };
  }
  return { placed: placed as PlacedError[], lineCount: partial.lineCount };
}

/** Places the provider's errors in the exact downloaded text. */
export function placeErrors(text: string, errors: readonly ValidationError[]): PlacedErrors {
  const starts = lineStartOffsets(text);
  return { placed: placeLocated(text, locateErrors(text, errors, starts), starts), lineCount: starts.length };
}

/** Parses the text once: its syntax error if any, else its screen ids. */
export function inspectFlowJson(text: string): FlowJsonInspection {
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch {
    return { syntaxError: findJsonSyntaxError(text), screenIds: [] };
  }
  return { syntaxError: null, screenIds: screenIdsOfFlow(flow) };
}

/**
 * Pretty-prints the text (2 spaces) and re-locates the errors by their pointer paths, carrying
 * errors without a path over by what their reported position covers in the raw text. Throws
 * (see `formatFlowJson`) if the text is not JSON.
 */
export function formatWithErrors(text: string, errors: readonly ValidationError[]): FormattedFlowJson {
  const formatted = formatFlowJson(text);
  if (formatted === text) return { text, unchanged: true, ...placeErrors(text, errors) };
  const starts = lineStartOffsets(formatted);
  const placed = placeLocated(formatted, relocateByPath(formatted, errors, text), starts);
  return { text: formatted, unchanged: false, placed, lineCount: starts.length };
}
