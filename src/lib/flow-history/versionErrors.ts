/**
 * Where a version's validation errors sit in the text its diff side shows (the text as stored, or
 * formatted for the comparison): placed by their path, else by their reported line and column
 * when the text was not reformatted. Errors that cannot be placed are left out of the highlights.
 */
import { placeErrors } from '../json-positions/analyze';
import type { ValidationError } from '../../model/flow';

export interface ErrorRange {
  from: number;
  to: number;
  /** What the highlight's tooltip says: code and message, as text. */
  message: string;
}

export function versionErrorRanges(text: string, errors: readonly ValidationError[] | null | undefined, reformatted: boolean): ErrorRange[] {
  if (!errors?.length) return [];
  // Reported lines and columns point into the text as stored: after formatting, only paths hold.
  const usable = reformatted ? errors.map((e) => ({ ...e, lineStart: null, lineEnd: null, columnStart: null, columnEnd: null })) : errors;
  return placeErrors(text, usable)
    .placed.filter((p) => p.to > p.from)
    .map((p) => ({ from: p.from, to: p.to, message: `${errors[p.index]!.code}: ${errors[p.index]!.message}` }));
}
