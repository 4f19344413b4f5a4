/**
 * End User Messaging gives a flow's validation errors as strings. Each becomes a shared
 * ValidationError: a string holding a serialized Meta error object keeps its fields; otherwise
 * the text is the message, a leading `CODE:` its code, and a path (`$root/screens/0/…`,
 * `screens[0].layout…`) or a line/column it names its place. Anything else has no place.
 */
import type { ValidationError } from '../../model/flow';
import { parseFlowPath } from '../../lib/json-positions/path';
import { toValidationError, type RawPosition } from '../validation-error';

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** Meta's error object (snake_case, or camelCase as some providers relay it) serialized into the string. */
function fromObject(o: Record<string, unknown>, raw: string): ValidationError | null {
  const message = text(o.message);
  if (!message) return null;
  const position = (p: Record<string, unknown>): RawPosition => ({
    lineStart: num(p.line_start ?? p.lineStart),
    lineEnd: num(p.line_end ?? p.lineEnd),
    columnStart: num(p.column_start ?? p.columnStart),
    columnEnd: num(p.column_end ?? p.columnEnd),
  });
  const pointers = Array.isArray(o.pointers) ? o.pointers.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null) : [];
  return toValidationError({
    error: text(o.error) ?? text(o.code),
    errorType: text(o.error_type ?? o.errorType),
    message: message || raw,
    ...position(o),
    pointers: pointers.map((p) => ({ ...position(p), path: text(p.path) })),
  });
}

/** `INVALID_PROPERTY_VALUE: …` → the code. */
const CODE = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*[:\-–]\s*/;
/** `$root/screens/0/layout`, `/screens/0/layout` and `$.screens[0]…` / `screens[0].layout…` / `routing_model.X`. */
const PATHS = [
  /\$root(?:\/[A-Za-z0-9_$-]+)+/g,
  /(?<![\w/.:])\/(?:screens|routing_model|data)(?:\/[A-Za-z0-9_$-]+)+/g,
  /(?<![\w$./])\$?\.?(?:[A-Za-z_][\w-]*)(?:\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\]|\.[A-Za-z_][\w-]*)*(?:\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])(?:\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\]|\.[A-Za-z_][\w-]*)*/g,
  /(?<![\w$./])(?:screens|routing_model)(?:\.[A-Za-z0-9_][\w-]*)+/g,
];
/** `line 12, column 5`, `line 12 col 5-9`, `Line: 3, Columns: 17 to 30`, `line 4`. */
const LINE_COLUMN = /\blines?\s*:?\s*(\d+)(?:\s*(?:-|–|to)\s*(\d+))?(?:\s*[,;]?\s*(?:and\s+)?(?:col(?:umn)?s?)\s*:?\s*(\d+)(?:\s*(?:-|–|to)\s*(\d+))?)?/i;
/** `at 12:5` (line:column). */
const AT_LINE_COLUMN = /\bat\s+(\d+):(\d+)\b/;

/** The first text in the message that parses as a flow JSON path, in the form it was written. */
export function pathIn(message: string): string | null {
  let best: { at: number; path: string } | null = null;
  for (const pattern of PATHS) {
    for (const match of message.matchAll(pattern)) {
      const candidate = match[0].replace(/[.,;]+$/, '');
      const parsed = parseFlowPath(candidate);
      if (!parsed || parsed.length === 0) continue;
      if (!best || match.index! < best.at) best = { at: match.index!, path: candidate };
      break;
    }
  }
  return best?.path ?? null;
}

function positionIn(message: string): RawPosition | null {
  const lc = LINE_COLUMN.exec(message);
  if (lc) {
    const lineStart = Number(lc[1]);
    const lineEnd = lc[2] ? Number(lc[2]) : lineStart;
    const columnStart = lc[3] ? Number(lc[3]) : null;
    // Read as Meta's numbers are: a range's end as given; a single column is one character.
    const columnEnd = lc[4] ? Number(lc[4]) : columnStart;
    return { lineStart, lineEnd, columnStart, columnEnd };
  }
  const at = AT_LINE_COLUMN.exec(message);
  if (at) return { lineStart: Number(at[1]), lineEnd: Number(at[1]), columnStart: Number(at[2]), columnEnd: Number(at[2]) };
  return null;
}

export function fromValidationString(raw: string): ValidationError {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const error = fromObject(value as Record<string, unknown>, raw);
        if (error) return error;
      }
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  const code = CODE.exec(trimmed)?.[1] ?? null;
  const path = pathIn(trimmed);
  const position = positionIn(trimmed);
  return toValidationError({
    error: code,
    message: trimmed,
    ...(position ?? {}),
    pointers: path ? [{ path }] : [],
  });
}
