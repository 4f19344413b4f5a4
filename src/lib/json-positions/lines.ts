import type { Range } from './types';

/**
 * Offsets at which each line starts. Line breaks are `\n`, `\r\n` and a lone `\r`
 * (the same set CodeMirror splits on), so line numbers agree with the viewer.
 */
export function lineStartOffsets(text: string): Uint32Array {
  if (text.indexOf('\r') === -1) {
    // Straight into a typed array (grown as needed): twice as fast as a JS array on 10 MB.
    let out = new Uint32Array(Math.max(16, text.length >> 5));
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (n === out.length) {
        const grown = new Uint32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = i + 1;
    }
    return out.slice(0, n);
  }
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}

/** Offset just past the last character of a 0-based line, excluding its line break. */
export function lineEndOffset(text: string, starts: Uint32Array, lineIndex: number): number {
  if (lineIndex >= starts.length - 1) return text.length;
  let end = starts[lineIndex + 1]! - 1;
  if (text.charCodeAt(end) === 10 && end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The range of a 1-based line without its line break, or null if there is no such line. */
export function lineRange(text: string, starts: Uint32Array, line: number): Range | null {
  if (!Number.isInteger(line) || line < 1 || line > starts.length) return null;
  return { from: starts[line - 1]!, to: lineEndOffset(text, starts, line - 1) };
}

/** 0-based index of the line containing `offset`. */
export function lineIndexAt(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and 1-based column (in UTF-16 code units) of an offset. */
export function offsetToLineColumn(starts: Uint32Array, offset: number): { line: number; column: number } {
  const index = lineIndexAt(starts, offset);
  return { line: index + 1, column: offset - starts[index]! + 1 };
}
