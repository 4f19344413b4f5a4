/**
 * The texts free text searches, one per slot, held as a few long strings: each chunk of
 * CHUNK_ROWS slots is their texts joined, each followed by a separator no text holds. A search is
 * then one `indexOf` loop per chunk (V8 scans a long flat string far faster than it calls
 * `includes` on 100,000 short strings, whatever those strings' inner layout), and a match's
 * offset maps back to its slot by a binary search of the chunk's row offsets. A text written
 * again only marks its chunk, which is joined again at the next search.
 *
 * Typing searches for a needle that holds the last one ("inv", then "inva"): only the slots the
 * last one found can hold it, and each is checked where its text lies in its chunk, so a
 * keystroke costs what the last answer holds rather than a scan of every text.
 */

/** Slots per chunk: small enough that rejoining one after a write is cheap. */
export const CHUNK_ROWS = 1024;
/**
 * Ends each text in a chunk. PostgreSQL's text cannot hold U+0000, so no text from the index has
 * it; a needle that has it matches nothing, and no match spans two texts.
 */
const END = '\u0000';

export class TextColumn {
  /** Each chunk's texts, each followed by END. */
  private readonly chunks: string[] = [];
  /** Per chunk: where each of its texts starts, then the chunk's length. */
  private readonly starts: Int32Array[] = [];
  /** Texts written since their chunk was last joined, by slot. */
  private readonly pending = new Map<number, string>();
  private readonly dirty = new Set<number>();
  private count = 0;
  /** The last needle searched and its slots, until a text is written. */
  private last: { needle: string; found: readonly number[] } | null = null;

  get size(): number {
    return this.count;
  }

  /** Sets the text of `slot` (at most one past the last: slots are added in order). */
  set(slot: number, text: string): void {
    if (slot > this.count) throw new RangeError(`slot ${slot} is past the end (${this.count})`);
    if (slot === this.count) this.count++;
    this.pending.set(slot, text);
    this.dirty.add(Math.floor(slot / CHUNK_ROWS));
    this.last = null;
  }

  get(slot: number): string {
    const pending = this.pending.get(slot);
    if (pending !== undefined) return pending;
    const c = Math.floor(slot / CHUNK_ROWS);
    const i = slot - c * CHUNK_ROWS;
    const starts = this.starts[c]!;
    return this.chunks[c]!.slice(starts[i], starts[i + 1]! - 1);
  }

  /** The slots whose text contains `needle`, in ascending order (an empty needle: every slot). Read-only. */
  find(needle: string): readonly number[] {
    this.join();
    if (needle.includes(END)) return [];
    const last = this.last;
    // Every text holding this needle holds any part of it, so the last answer bounds this one.
    const found = last && needle.includes(last.needle) ? this.narrow(needle, last.found) : this.scan(needle);
    this.last = { needle, found };
    return found;
  }

  /** Every chunk, one `indexOf` after another. */
  private scan(needle: string): number[] {
    const found: number[] = [];
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const starts = this.starts[c]!;
      const base = c * CHUNK_ROWS;
      const rows = starts.length - 1;
      for (let at = chunk.indexOf(needle); at !== -1; ) {
        // The last text starting at or before the match holds it (no match crosses an END).
        let lo = 0;
        let hi = rows - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= at) lo = mid;
          else hi = mid - 1;
        }
        found.push(base + lo);
        // On from the next text: this one is found already.
        if (lo + 1 >= rows) break;
        at = chunk.indexOf(needle, starts[lo + 1]);
      }
    }
    return found;
  }

  /**
   * The slots of `candidates` (ascending) whose text holds `needle`. The next match at or after a
   * candidate's text is either inside it or after it (then no text before that match holds the
   * needle), so each chunk is read at most once and usually only around the candidates.
   */
  private narrow(needle: string, candidates: readonly number[]): number[] {
    const found: number[] = [];
    let c = -1;
    let chunk = '';
    let starts = this.starts[0]!;
    let base = 0;
    let next = -1;
    for (const slot of candidates) {
      if (slot >= base + CHUNK_ROWS || c === -1) {
        c = Math.floor(slot / CHUNK_ROWS);
        chunk = this.chunks[c]!;
        starts = this.starts[c]!;
        base = c * CHUNK_ROWS;
        next = -1;
      }
      const start = starts[slot - base]!;
      if (next < start) {
        next = chunk.indexOf(needle, start);
        if (next === -1) next = Infinity;
      }
      // Inside the text (its END, one before the next text's start, is never matched).
      if (next < starts[slot - base + 1]!) found.push(slot);
    }
    return found;
  }

  /** Joins the chunks written since the last search again. */
  private join(): void {
    if (this.dirty.size === 0) return;
    for (const c of this.dirty) {
      const first = c * CHUNK_ROWS;
      const rows = Math.min(CHUNK_ROWS, this.count - first);
      // One more, empty: the join ends with END too, in one flat string.
      const texts = new Array<string>(rows + 1);
      for (let i = 0; i < rows; i++) texts[i] = this.get(first + i);
      texts[rows] = '';
      const starts = new Int32Array(rows + 1);
      let length = 0;
      for (let i = 0; i < rows; i++) {
        starts[i] = length;
        length += texts[i]!.length + 1;
      }
      starts[rows] = length;
      this.chunks[c] = texts.join(END);
      this.starts[c] = starts;
    }
    this.pending.clear();
    this.dirty.clear();
  }
}
