import type { JsonSyntaxError, PlacedError } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';
import type { ViewerMark } from '../viewer/types';
import { SYNTAX_MARK_INDEX } from './urlState';

/** The viewer's marks: each placed error (hover text: number, code, message), and the parse error. */
export function viewerMarks(
  errors: readonly ValidationError[] | undefined,
  placed: readonly (PlacedError | undefined)[] | undefined,
  syntaxError: JsonSyntaxError | null,
): ViewerMark[] {
  const marks: ViewerMark[] = [];
  if (errors && placed) {
    for (const p of placed) {
      const e = p && errors[p.index];
      if (!p || !e || p.how === 'unlocated') continue;
      marks.push({ index: p.index, from: p.from, to: p.to, message: `#${p.index + 1} ${e.code}: ${e.message}` });
    }
  }
  if (syntaxError) {
    marks.push({
      index: SYNTAX_MARK_INDEX,
      from: syntaxError.offset,
      to: syntaxError.offset + syntaxError.length,
      message: `JSON syntax error: ${syntaxError.message} (line ${syntaxError.line}, column ${syntaxError.column})`,
      severity: 'syntax',
    });
  }
  return marks;
}
