/**
 * A big text enters the editor a piece at a time: the first piece (enough for the first screens)
 * at once, the rest in later tasks. Loading 10 MB in one transaction costs CodeMirror 100 to
 * 200 ms on one task; in pieces the first screen shows within tens of milliseconds and no task
 * runs long.
 */
export const FIRST_PIECE = 8 * 1024;
/** The first piece grows to reach the error to show first, up to this size. */
export const FIRST_PIECE_MAX = 1024 * 1024;
export const NEXT_PIECE = 1024 * 1024;
/** How far past its intended end a piece may run to end with its line. */
export const PIECE_SLACK = 16 * 1024;
/** Texts up to this size are loaded in one transaction. */
export const LOAD_AT_ONCE = 4 * FIRST_PIECE;

/**
 * Where the first piece ends: past the error to show first (`target`, a text offset: the
 * selected error, else the first one), with a screenful to spare, within FIRST_PIECE_MAX.
 */
export function firstPieceEnd(text: string, target: number | null): number {
  if (text.length <= LOAD_AT_ONCE) return text.length;
  const wanted = target === null ? FIRST_PIECE : Math.min(Math.max(FIRST_PIECE, target + FIRST_PIECE), FIRST_PIECE_MAX);
  return pieceEnd(text, wanted);
}

/**
 * Where a piece that should end near `pos` ends: after the next line break if there is one
 * within `slack` characters (so lines arrive whole), else at `pos`, moved forward so it never
 * splits a `\r\n` or a surrogate pair.
 */
export function pieceEnd(text: string, pos: number, slack = PIECE_SLACK): number {
  if (pos >= text.length) return text.length;
  const lf = text.indexOf('\n', pos);
  if (lf !== -1 && lf - pos <= slack) return lf + 1;
  let end = pos;
  const before = text.charCodeAt(end - 1);
  if (before === 13 && text.charCodeAt(end) === 10) end++;
  else if (before >= 0xd800 && before <= 0xdbff) end++;
  return Math.min(end, text.length);
}
