/**
 * The rows the changed-lines view draws for one hunk: side by side (an older and a newer cell per
 * row, a removed line beside the added line that replaced it) or unified (one line per row). A
 * removed line and the added line it pairs with get the span that differs between them, so an
 * edited label shows which words changed.
 */
import type { DiffLine, JsonChanges } from '../../../model/history';

type Hunk = JsonChanges['hunks'][number];

export interface Cell {
  /** The line's number in its version (1-based). */
  line: number;
  kind: DiffLine['kind'];
  text: string;
  errors?: string[];
  /** The part that differs from the paired line on the other side, [from, to). */
  changed?: readonly [number, number];
}

export interface SplitRow {
  a: Cell | null;
  b: Cell | null;
}

export interface UnifiedRow extends Cell {
  /** The line's number in the older and in the newer version (null where it is not in that one). */
  lineA: number | null;
  lineB: number | null;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The differing spans of two lines: what is left once their common start and end are taken off,
 * widened to whole words ("Welcome" → "Hello there" marks both words, not "Welcom" and "Hello ther").
 */
export function changedSpans(a: string, b: string): { a: readonly [number, number]; b: readonly [number, number] } {
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  if (start === a.length && start === b.length) return { a: [start, start], b: [start, start] };
  while (start > 0 && WORD.test(a[start - 1]!)) start--;
  while (end > 0 && WORD.test(a[a.length - end]!)) end--;
  return { a: [start, a.length - end], b: [start, b.length - end] };
}

/** The hunk's lines in runs: unchanged lines, or a changed block (its removed lines, then its added ones). */
function* blocks(hunk: Hunk): Generator<{ same: DiffLine[] } | { removed: DiffLine[]; added: DiffLine[] }> {
  const lines = hunk.lines;
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.kind === 'same') {
      const start = i;
      while (i < lines.length && lines[i]!.kind === 'same') i++;
      yield { same: lines.slice(start, i) };
    } else {
      const removed: DiffLine[] = [];
      const added: DiffLine[] = [];
      while (i < lines.length && lines[i]!.kind === 'removed') removed.push(lines[i++]!);
      while (i < lines.length && lines[i]!.kind === 'added') added.push(lines[i++]!);
      yield { removed, added };
    }
  }
}

const cell = (line: DiffLine, number: number, changed?: readonly [number, number]): Cell => ({
  line: number,
  kind: line.kind,
  text: line.text,
  ...(line.errors && { errors: line.errors }),
  ...(changed && { changed }),
});

/** The pair's differing spans, when a removed and an added line face each other. */
const spansOf = (removed: DiffLine | undefined, added: DiffLine | undefined) => (removed && added ? changedSpans(removed.text, added.text) : null);

export function splitRows(hunk: Hunk): SplitRow[] {
  const rows: SplitRow[] = [];
  let a = hunk.a;
  let b = hunk.b;
  for (const block of blocks(hunk)) {
    if ('same' in block) {
      for (const line of block.same) rows.push({ a: cell(line, a++), b: cell(line, b++) });
      continue;
    }
    const count = Math.max(block.removed.length, block.added.length);
    for (let i = 0; i < count; i++) {
      const removed = block.removed[i];
      const added = block.added[i];
      const spans = spansOf(removed, added);
      rows.push({ a: removed ? cell(removed, a++, spans?.a) : null, b: added ? cell(added, b++, spans?.b) : null });
    }
  }
  return rows;
}

export function unifiedRows(hunk: Hunk): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  let a = hunk.a;
  let b = hunk.b;
  for (const block of blocks(hunk)) {
    if ('same' in block) {
      for (const line of block.same) rows.push({ ...cell(line, b), lineA: a++, lineB: b++ });
      continue;
    }
    block.removed.forEach((line, i) => rows.push({ ...cell(line, a, spansOf(line, block.added[i])?.a), lineA: a++, lineB: null }));
    block.added.forEach((line, i) => rows.push({ ...cell(line, b, spansOf(block.removed[i], line)?.b), lineA: null, lineB: b++ }));
  }
  return rows;
}

/**
 * Unchanged lines left out before each hunk, and after the last one (0 when the list of changes
 * is incomplete: what follows is not known to be unchanged).
 */
export function gapsOf(changes: JsonChanges): { before: number[]; after: number } {
  let next = 1;
  const before = changes.hunks.map((hunk) => {
    const gap = hunk.a - next;
    next = hunk.a + hunk.lines.filter((l) => l.kind !== 'added').length;
    return gap;
  });
  return { before, after: changes.complete && changes.hunks.length > 0 ? changes.linesA - next + 1 : 0 };
}
