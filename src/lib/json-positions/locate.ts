import type { ErrorPointer, ValidationError } from '../../model/flow';
import { lineEndOffset, lineRange, lineStartOffsets } from './lines';
import { hitRange, resolvePaths } from './locate-paths';
import { parseFlowPath, screenOfPathText } from './path';
import { scalarTokensAt } from './tokens';
import type { JsonPath, LocatedError, Range } from './types';

type Position = Pick<ErrorPointer, 'lineStart' | 'lineEnd' | 'columnStart' | 'columnEnd'>;

/** The error's own position, or else that of the first pointer that has one. */
export function positionOf(error: ValidationError): Position {
  if (error.lineStart !== null) return error;
  return error.pointers.find((p) => p.lineStart !== null) ?? error;
}

/** Parsed pointer paths of an error, in pointer order, unparsable ones left out. */
export function pointerPaths(error: ValidationError): JsonPath[] {
  const out: JsonPath[] = [];
  for (const p of error.pointers) {
    const path = p.path === null ? null : parseFlowPath(p.path);
    if (path) out.push(path);
  }
  return out;
}

const isPos = (n: number | null): n is number => n !== null && Number.isInteger(n) && n >= 1;

/** Start offset of (lineStart, columnStart) if that is a character of an existing line. */
function startOffset(text: string, starts: Uint32Array, pos: Position): number | null {
  if (!isPos(pos.lineStart) || !isPos(pos.columnStart) || pos.lineStart > starts.length) return null;
  const lineFrom = starts[pos.lineStart - 1]!;
  const offset = lineFrom + pos.columnStart - 1;
  return offset < lineEndOffset(text, starts, pos.lineStart - 1) ? offset : null;
}

/**
 * End offset (exclusive) of the column range, or null if it cannot be trusted (missing, past the
 * document, or before the start). A column end past its line is clamped to the line's end; an
 * empty range becomes one character, as a provider that reads columns inclusively means it.
 */
function endOffset(text: string, starts: Uint32Array, pos: Position, from: number): number | null {
  if (!isPos(pos.lineEnd) || !isPos(pos.columnEnd) || pos.lineEnd > starts.length) return null;
  const lineFrom = starts[pos.lineEnd - 1]!;
  const lineTo = lineEndOffset(text, starts, pos.lineEnd - 1);
  const to = Math.min(lineFrom + pos.columnEnd - 1, lineTo);
  if (to < from) return null;
  return to === from ? from + 1 : to;
}

/** What positions alone place: each error placed by token or columns, and the errors that need their path. */
export interface PositionPass {
  located: (LocatedError | undefined)[];
  /** Indices of the errors with no usable position, ascending. */
  needPath: number[];
  /** Indices of the errors that start at or after `until`, not looked at, ascending. */
  later: number[];
}

/**
 * Places the errors whose reported position is usable (token, else columns), with one token scan
 * over the lines that hold error starts and no JSON pass: cheap enough for the main thread even
 * on a 10 MB document. Errors that start at or after `until` are not looked at (`later`): the
 * first screen needs only those near the start.
 */
export function locateByPosition(
  text: string,
  errors: readonly ValidationError[],
  starts: Uint32Array = lineStartOffsets(text),
  until = Infinity,
): PositionPass {
  const positions = errors.map(positionOf);
  const from = positions.map((pos) => startOffset(text, starts, pos));
  const tokens = scalarTokensAt(text, starts, from.map((f) => (f !== null && f < until ? f : -1)));
  const located: (LocatedError | undefined)[] = new Array(errors.length).fill(undefined);
  const needPath: number[] = [];
  const later: number[] = [];
  errors.forEach((_, index) => {
    const token = tokens[index];
    const f = from[index]!;
    if (f !== null && f >= until) {
      later.push(index);
      return;
    }
    const to = f === null ? null : endOffset(text, starts, positions[index]!, f);
    if (token) located[index] = { index, from: token.from, to: token.to, how: 'token' };
    else if (f !== null && to !== null) located[index] = { index, from: f, to, how: 'columns' };
    else needPath.push(index);
  });
  return { located, needPath, later };
}

/**
 * Places each provider error in `text` (see `LocatedHow` for the order of attempts).
 * `starts` may be passed when the caller already has the line starts of `text`.
 * One token scan over the lines that hold error starts, and at most one JSON pass for all
 * errors that need their pointer paths.
 */
export function locateErrors(
  text: string,
  errors: readonly ValidationError[],
  starts: Uint32Array = lineStartOffsets(text),
): LocatedError[] {
  const { located, needPath } = locateByPosition(text, errors, starts);
  const out = located as LocatedError[];
  if (needPath.length === 0) return out;

  const byPath = locateByPointerPaths(text, needPath.map((i) => errors[i]!));
  needPath.forEach((index, k) => {
    const range = byPath[k];
    if (range) {
      out[index] = { index, ...range, how: 'path' };
      return;
    }
    const line = positionOf(errors[index]!).lineStart;
    const whole = line === null ? null : lineRange(text, starts, line);
    out[index] = whole ? { index, ...whole, how: 'line' } : { index, from: 0, to: 0, how: 'unlocated' };
  });
  return out;
}

/** For each error, the range of its first pointer path that resolves (one pass for all). */
export function locateByPointerPaths(text: string, errors: readonly ValidationError[]): (Range | undefined)[] {
  return firstResolved(text, errors.map((e) => pointerPaths(e).map((path) => ({ path }))));
}

/** A path to try; `isKey` prefers the property key over the value. */
export interface PathCandidate {
  path: JsonPath;
  isKey?: boolean;
}

/** For each candidate list, the range of its first candidate that resolves, in one pass for all. */
export function firstResolved(text: string, candidates: readonly PathCandidate[][]): (Range | undefined)[] {
  const hits = resolvePaths(text, candidates.flat().map((c) => c.path));
  let k = 0;
  return candidates.map((list) => {
    let found: Range | undefined;
    for (const c of list) {
      const hit = hits[k++];
      found ??= c.isKey ? (hit?.key ?? hitRange(hit)) : hitRange(hit);
    }
    return found;
  });
}

/** The screen index of an error's first parsable pointer path (for grouping by screen), else null. */
export function screenOfError(error: ValidationError): number | null {
  return screenOfErrorPath(error) ?? null;
}

/** The screen of an error's first parsable pointer path (null outside screens), or undefined when it has no parsable path. */
function screenOfErrorPath(error: ValidationError): number | null | undefined {
  for (const p of error.pointers) {
    if (p.path === null) continue;
    const screen = screenOfPathText(p.path);
    if (screen !== undefined) return screen;
  }
  return undefined;
}

/** What the errors' pointer paths say about their screens, in one cheap pass (no JSON). */
export interface ScreensByPath {
  /** Screen index of each error's first parsable pointer path; null outside screens or without a path. */
  screens: (number | null)[];
  /** Indices of the errors without any parsable pointer path, ascending (their position may tell: `pathsAtPositions`). */
  withoutPath: number[];
}

export function screensByPath(errors: readonly ValidationError[]): ScreensByPath {
  const screens: (number | null)[] = new Array(errors.length);
  const withoutPath: number[] = [];
  for (let i = 0; i < errors.length; i++) {
    const screen = screenOfErrorPath(errors[i]!);
    if (screen === undefined) withoutPath.push(i);
    screens[i] = screen ?? null;
  }
  return { screens, withoutPath };
}
