/**
 * The comparison of two stored versions of a flow JSON, as the diff view shows it: both texts made
 * comparable (pretty-printed when either side is minified, line ends as the editor keeps them)
 * and their changes. Pure: it runs in the diff worker, or in the page where there is none.
 */
import { diff } from '@codemirror/merge';
import { comparableTexts, withNewlines } from './compareText';
import { lineDiff, type TextChange } from './lineDiff';

export interface VersionDiff {
  /** The older and newer texts as shown, with `\n` line ends only. */
  a: string;
  b: string;
  /** Both sides were pretty-printed (one was minified). */
  formatted: boolean;
  /** Changes of `a` into `b`, in order (positions in the texts above). */
  changes: TextChange[];
}

/** The character diff's limits (small texts, and each changed block of big ones). */
export const CHAR_DIFF_CONFIG = { scanLimit: 5000, timeout: 200 } as const;
/** Past this many characters (both sides), compare line by line, then characters inside each changed block. */
export const LINE_DIFF_FROM = 200_000;

const plain = (c: TextChange): TextChange => ({ fromA: c.fromA, toA: c.toA, fromB: c.fromB, toB: c.toB });

/** Changes of `a` into `b`: characters for small texts, lines then characters for big ones. */
export function textChanges(a: string, b: string): TextChange[] {
  if (a.length + b.length > LINE_DIFF_FROM) return lineDiff(a, b, { refine: (x, y) => diff(x, y, CHAR_DIFF_CONFIG) });
  return diff(a, b, CHAR_DIFF_CONFIG).map(plain);
}

export function diffVersions(before: string, after: string): VersionDiff {
  const { a, b, formatted } = comparableTexts(withNewlines(before), withNewlines(after));
  return { a, b, formatted, changes: textChanges(a, b) };
}
