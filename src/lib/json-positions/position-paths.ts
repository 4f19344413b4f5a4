/**
 * JSON paths of errors that carry only a reported position (a line, a line and column), as some
 * providers report text errors: what the position points at in the downloaded text, so such an
 * error lands on its screen and component like one with a pointer path.
 */
import type { ValidationError } from '../../model/flow';
import { lineEndOffset, lineStartOffsets } from './lines';
import { locateByPosition, positionOf } from './locate';
import { pathsAtOffsets, type PathAtOffset } from './locate-paths';

const isBlank = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** The first character of a 1-based line that is not a space, or null (no such line, or a blank one). */
function firstTokenOfLine(text: string, starts: Uint32Array, line: number | null): number | null {
  if (line === null || !Number.isInteger(line) || line < 1 || line > starts.length) return null;
  const end = lineEndOffset(text, starts, line - 1);
  for (let i = starts[line - 1]!; i < end; i++) if (!isBlank(text.charCodeAt(i))) return i;
  return null;
}

/**
 * For each error, the path of the JSON token its reported position points at: the token (key or
 * scalar) starting there, else the last token at or before the reported column, else (a line
 * without a column) the line's first token. Undefined when the position is missing or outside the
 * text. One token scan and one JSON pass for all; meant for the worker (the page has no JSON pass).
 */
export function pathsAtPositions(
  text: string,
  errors: readonly ValidationError[],
  starts: Uint32Array = lineStartOffsets(text),
): (PathAtOffset | undefined)[] {
  const { located } = locateByPosition(text, errors, starts);
  const offsets: number[] = [];
  const wanted: number[] = [];
  errors.forEach((error, i) => {
    const offset = located[i]?.from ?? firstTokenOfLine(text, starts, positionOf(error).lineStart);
    if (offset === null) return;
    offsets.push(offset);
    wanted.push(i);
  });
  const result: (PathAtOffset | undefined)[] = new Array(errors.length).fill(undefined);
  if (offsets.length === 0) return result;
  pathsAtOffsets(text, offsets).forEach((found, k) => (result[wanted[k]!] = found));
  return result;
}
