/**
 * The changes between two versions of a flow JSON as hunks: each changed block of lines with a few
 * unchanged lines around it, nearby blocks joined, every list bounded. Computed once on the server
 * for a pair of versions, so opening a comparison needs no download of the two whole texts.
 */
import type { ValidationError } from '../../model/flow';
import type { DiffLine, JsonChanges } from '../../model/history';
import { comparableTexts, withNewlines } from './compareText';
import { lineBlocks, type LineBlock } from './lineDiff';
import { versionErrorRanges } from './versionErrors';

export interface HunkOptions {
  /** Unchanged lines shown before and after each change. */
  context?: number;
  /** Most changed lines listed; past it the answer is marked incomplete. */
  maxListed?: number;
  /** Longest line text sent; longer lines are cut. */
  lineLimit?: number;
  /** Each version's validation errors, shown on their lines. */
  errorsA?: readonly ValidationError[] | null;
  errorsB?: readonly ValidationError[] | null;
}

export const HUNK_CONTEXT = 3;
export const MAX_LISTED_CHANGED_LINES = 2_000;
export const LINE_TEXT_LIMIT = 2_000;

/** Index of the line holding `offset` (`starts`: each line's start, the text's length last). */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Error messages per line index, for the lines `wanted` says are shown. */
function errorsByLine(text: string, starts: readonly number[], errors: readonly ValidationError[] | null | undefined, formatted: boolean, wanted: (line: number) => boolean): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const range of versionErrorRanges(text, errors, formatted)) {
    const line = lineAt(starts, range.from);
    if (!wanted(line)) continue;
    const list = byLine.get(line) ?? [];
    if (!list.includes(range.message)) list.push(range.message);
    byLine.set(line, list);
  }
  return byLine;
}

/** Blocks close enough to share their context lines, as groups. */
function groupBlocks(blocks: readonly LineBlock[], context: number): LineBlock[][] {
  const groups: LineBlock[][] = [];
  for (const block of blocks) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && block[0] - last[1] <= 2 * context) group.push(block);
    else groups.push([block]);
  }
  return groups;
}

export function jsonChanges(before: string, after: string, options: HunkOptions = {}): JsonChanges {
  const { context = HUNK_CONTEXT, maxListed = MAX_LISTED_CHANGED_LINES, lineLimit = LINE_TEXT_LIMIT } = options;
  const { a, b, formatted } = comparableTexts(withNewlines(before), withNewlines(after));
  const { blocks, startsA, startsB, exact } = a === b ? { blocks: [], startsA: [0, a.length], startsB: [0, b.length], exact: true } : lineBlocks(a, b, maxListed);
  const linesA = startsA.length - 1;
  const linesB = startsB.length - 1;
  const lineText = (text: string, starts: readonly number[], i: number) => {
    const line = text.slice(starts[i], starts[i + 1]).replace(/\n$/, '');
    return line.length > lineLimit ? `${line.slice(0, lineLimit)}…` : line;
  };

  const groups = groupBlocks(blocks, context);
  const shownA = (line: number) => groups.some((g) => line >= g[0]![0] - context && line < g.at(-1)![1] + context);
  const shownB = (line: number) => groups.some((g) => line >= g[0]![2] - context && line < g.at(-1)![3] + context);
  const errA = errorsByLine(a, startsA, options.errorsA, formatted, shownA);
  const errB = errorsByLine(b, startsB, options.errorsB, formatted, shownB);

  let changed = 0;
  let listed = 0;
  let complete = exact;
  const hunks: JsonChanges['hunks'] = [];
  for (const group of groups) {
    if (listed >= maxListed) {
      complete = false;
      break;
    }
    const first = group[0]!;
    const startA = Math.max(0, first[0] - context);
    const hunk = { a: startA + 1, b: first[2] - (first[0] - startA) + 1, lines: [] as DiffLine[] };
    const push = (kind: DiffLine['kind'], text: string, errors: string[] | undefined) => hunk.lines.push(errors ? { kind, text, errors } : { kind, text });
    const same = (from: number, to: number, shift: number) => {
      for (let i = from; i < to; i++) push('same', lineText(a, startsA, i), errB.get(i + shift));
    };
    let at = startA;
    for (const [a0, a1, b0, b1] of group) {
      same(at, a0, b0 - a0);
      changed += a1 - a0 + (b1 - b0);
      for (let i = a0; i < a1 && listed < maxListed; i++, listed++) push('removed', lineText(a, startsA, i), errA.get(i));
      for (let i = b0; i < b1 && listed < maxListed; i++, listed++) push('added', lineText(b, startsB, i), errB.get(i));
      if (listed >= maxListed) complete = false;
      at = a1;
    }
    const last = group.at(-1)!;
    same(at, Math.min(linesA, last[1] + context), last[3] - last[1]);
    hunks.push(hunk);
  }
  // Changed lines in groups past the listed ones still count.
  for (const group of groups.slice(hunks.length)) for (const [a0, a1, b0, b1] of group) changed += a1 - a0 + (b1 - b0);
  return { formatted, linesA, linesB, changed, complete, hunks };
}
