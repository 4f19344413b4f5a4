/** Line/column ranges and placement methods in words, for the problems list and ticket text. */
import type { ValidationError } from '../../model/flow';
import { positionOf } from './locate';
import type { LocatedHow } from './types';

interface Span {
  lineStart: number | null;
  columnStart: number | null;
  lineEnd: number | null;
  columnEnd: number | null;
}

/** "line 1, columns 84–92", "line 3, column 5", "lines 3–5 (column 2 to column 7)", "line 4"; null without a line. */
export function describeSpan({ lineStart, columnStart, lineEnd, columnEnd }: Span): string | null {
  if (lineStart === null) return null;
  if (lineEnd === null || lineEnd === lineStart) {
    if (columnStart === null) return `line ${lineStart}`;
    if (columnEnd === null || columnEnd === columnStart) return `line ${lineStart}, column ${columnStart}`;
    return `line ${lineStart}, columns ${columnStart}–${columnEnd}`;
  }
  const from = columnStart === null ? '' : `column ${columnStart}`;
  const to = columnEnd === null ? '' : `column ${columnEnd}`;
  return `lines ${lineStart}–${lineEnd}${from || to ? ` (${from || 'start'} to ${to || 'end'})` : ''}`;
}

/** Where the provider says the error is (its own numbers, or its first pointer's), in words. */
export function describeReported(error: ValidationError): string | null {
  return describeSpan(positionOf(error));
}

/** Where Flow Desk placed an error in the shown text (`endColumn` one past the end, as placed). */
export function describePlaced(p: { line: number; column: number; endLine: number; endColumn: number }): string {
  return describeSpan({ lineStart: p.line, columnStart: p.column, lineEnd: p.endLine, columnEnd: p.endColumn })!;
}

export const LOCATED_HOW_LABEL: Record<LocatedHow, string> = {
  token: 'exact token',
  columns: 'reported columns',
  path: 'found by path',
  line: 'whole line (approximate)',
  unlocated: 'not found in the JSON',
};
