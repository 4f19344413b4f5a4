import type { ViewerMark } from './types';

/**
 * CodeMirror counts `\r\n` as one character, so offsets into the raw text shift by one after
 * each CRLF. Maps text offsets to document offsets; the CRLF scan is done once per text.
 */
export class DocOffsets {
  private readonly crlf: number[] = [];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) this.crlf.push(i);
  }

  /** The document offset of a text offset (clamped to the text). */
  toDoc(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    return clamped - countBelow(this.crlf, clamped);
  }

  /** Marks in document offsets, clamped to the document. */
  marks(marks: readonly ViewerMark[]): ViewerMark[] {
    const docLength = this.toDoc(this.text.length);
    return marks.map((m) => {
      const from = Math.min(this.toDoc(m.from), docLength);
      const to = Math.min(this.toDoc(m.to), docLength);
      return from === m.from && to === m.to ? m : { ...m, from, to };
    });
  }
}

/** How many sorted values are < x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
