import type { ValidationError } from '../../model/flow';
import { lineRange, lineStartOffsets } from './lines';
import { firstResolved, locateErrors, pointerPaths, type PathCandidate } from './locate';
import { pathsAtOffsets } from './locate-paths';
import { findJsonSyntaxError } from './syntax';
import type { LocatedError } from './types';

/** Pretty-prints flow JSON with 2-space indentation; throws a readable error if it is not JSON. */
export function formatFlowJson(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const err = findJsonSyntaxError(text);
    const where = err ? ` at line ${err.line}, column ${err.column}: ${err.message}` : '';
    throw new Error(`Cannot format: the flow JSON is not valid JSON${where}.`);
  }
  return JSON.stringify(value, null, 2);
}

/**
 * Places errors in a reformatted document by their pointer paths, so the same token stays
 * highlighted after formatting. Errors without a parsable pointer path: if `rawText` (the text
 * the provider's positions refer to) is given, they are located there and carried over by the
 * JSON path of what was found. Anything still unplaced falls back to line 1, or 'unlocated'
 * for an empty document. One JSON pass over the formatted text, one over the raw text if needed.
 */
export function relocateByPath(
  formattedText: string,
  errors: readonly ValidationError[],
  rawText?: string,
): LocatedError[] {
  const candidates: PathCandidate[][] = errors.map((e) => pointerPaths(e).map((path) => ({ path })));
  if (rawText !== undefined) {
    const missing = candidates.flatMap((list, i) => (list.length === 0 ? [i] : []));
    carriedPaths(rawText, missing.map((i) => errors[i]!)).forEach((found, k) => {
      if (found) candidates[missing[k]!] = [found];
    });
  }
  const ranges = firstResolved(formattedText, candidates);
  const firstLine = formattedText.length > 0 ? lineRange(formattedText, lineStartOffsets(formattedText), 1) : null;
  return errors.map((_, index) => {
    const range = ranges[index];
    if (range) return { index, ...range, how: 'path' };
    return firstLine ? { index, ...firstLine, how: 'line' } : { index, from: 0, to: 0, how: 'unlocated' };
  });
}

/** The JSON path of each error's token or column range in the raw text, if it has one. */
function carriedPaths(rawText: string, errors: ValidationError[]): (PathCandidate | undefined)[] {
  if (errors.length === 0) return [];
  const located = locateErrors(rawText, errors);
  const usable = located.map((l) => l.how === 'token' || l.how === 'columns');
  const atOffsets = pathsAtOffsets(rawText, located.map((l, i) => (usable[i] ? l.from : -1)));
  return atOffsets.map((p, i) => (usable[i] ? p : undefined));
}
