/**
 * A line-by-line diff for big texts (two pretty-printed flow JSONs of 10 MB): Myers' algorithm over
 * line ids, each changed block then refined character by character (by `refine`, when it is small).
 * A character diff of 10 MB gives up long before it finds 100 scattered edits; lines keep it exact.
 * Past `maxEdits` changed lines the middle of the texts is one change (bounded time and memory).
 */

export interface TextChange {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

export interface LineDiffOptions {
  /** Most changed lines (deleted plus inserted) searched for; past it, one change. */
  maxEdits?: number;
  /** Character diff of one changed block (texts of at most `refineLimit` characters each). */
  refine?: (a: string, b: string) => readonly TextChange[];
  refineLimit?: number;
}

interface Lines {
  ids: Int32Array;
  /** Start offset of each line, and the text's length last. */
  starts: number[];
}

function linesOf(text: string, idOf: Map<string, number>): Lines {
  const starts: number[] = [];
  const ids: number[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    // A line with its newline: a last line without one differs from the same line with one.
    const line = text.slice(start, end < 0 ? text.length : end + 1);
    let id = idOf.get(line);
    if (id === undefined) idOf.set(line, (id = idOf.size));
    ids.push(id);
    starts.push(start);
    if (end < 0) break;
    start = end + 1;
  }
  starts.push(text.length);
  return { ids: Int32Array.from(ids), starts };
}

/** Blocks of changed lines [a0, a1) → [b0, b1), in order; null past `maxEdits`. */
function myers(A: Int32Array, B: Int32Array, maxEdits: number): LineBlock[] | null {
  const n = A.length;
  const m = B.length;
  const max = Math.min(n + m, maxEdits);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= max; d++) {
    // V after round d - 1, for diagonals -d..d (index k + d + 1).
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) return null;
  const edits: [number, number, number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const at = (k: number) => prev[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const moveX = down ? prevX : prevX + 1;
    edits.push([prevX, moveX, prevY, moveX - k]);
    x = prevX;
    y = prevY;
  }
  edits.reverse();
  const blocks: LineBlock[] = [];
  for (const [a0, a1, b0, b1] of edits) {
    const last = blocks.at(-1);
    if (last && last[1] === a0 && last[3] === b0) {
      last[1] = a1;
      last[3] = b1;
    } else blocks.push([a0, a1, b0, b1]);
  }
  return blocks;
}

/** Changed blocks of lines [a0, a1) → [b0, b1), in order. */
export type LineBlock = [a0: number, a1: number, b0: number, b1: number];

export interface LineBlocks {
  blocks: LineBlock[];
  /** Start offset of each line of `a` and of `b`, each text's length last. */
  startsA: readonly number[];
  startsB: readonly number[];
  /** False past `maxEdits`: the lines between the common start and end are then one block. */
  exact: boolean;
}

/** The changed blocks of lines of `a` into `b` (Myers' algorithm over line ids). */
export function lineBlocks(a: string, b: string, maxEdits = 2_000): LineBlocks {
  const idOf = new Map<string, number>();
  const la = linesOf(a, idOf);
  const lb = linesOf(b, idOf);
  const blocks = myers(la.ids, lb.ids, maxEdits);
  if (blocks) return { blocks, startsA: la.starts, startsB: lb.starts, exact: true };
  // Too many changes to search: everything between the lines both texts start and end with.
  const n = la.ids.length;
  const m = lb.ids.length;
  let head = 0;
  while (head < n && head < m && la.ids[head] === lb.ids[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && la.ids[n - 1 - tail] === lb.ids[m - 1 - tail]) tail++;
  return { blocks: [[head, n - tail, head, m - tail]], startsA: la.starts, startsB: lb.starts, exact: false };
}

export function lineDiff(a: string, b: string, options: LineDiffOptions = {}): TextChange[] {
  const { maxEdits = 2_000, refine, refineLimit = 20_000 } = options;
  if (a === b) return [];
  const { blocks, startsA, startsB } = lineBlocks(a, b, maxEdits);
  const changes: TextChange[] = [];
  for (const [a0, a1, b0, b1] of blocks) {
    const block = { fromA: startsA[a0]!, toA: startsA[a1]!, fromB: startsB[b0]!, toB: startsB[b1]! };
    const partA = a.slice(block.fromA, block.toA);
    const partB = b.slice(block.fromB, block.toB);
    if (refine && partA.length <= refineLimit && partB.length <= refineLimit) {
      for (const c of refine(partA, partB)) {
        changes.push({ fromA: block.fromA + c.fromA, toA: block.fromA + c.toA, fromB: block.fromB + c.fromB, toB: block.fromB + c.toB });
      }
    } else changes.push(block);
  }
  return changes;
}
