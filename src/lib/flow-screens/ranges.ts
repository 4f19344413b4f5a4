/**
 * Where each screen of a flow JSON text lies in that text, found by one scan of its brackets and
 * strings: the page can then parse the one screen it shows from the text it already has, and no
 * copy of the screens' JSON has to cross from the worker (10 MB of strings took 50 to 300 ms to
 * copy into the page).
 */

const QUOTE = 34; // "
const BACKSLASH = 92;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The index just past the string that starts at `start` (an opening quote). */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let slashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/**
 * `[from0, to0, from1, to1, …]`: the text of screen i is `text.slice(from_i, to_i)`, for the
 * `screens` array of the top-level object (the last one, as `JSON.parse` keeps the last of
 * duplicate keys). Null when the text has no such array. Meant for text that `JSON.parse` accepts;
 * check the count against the parsed screens.
 */
export function screenRanges(text: string): Uint32Array | null {
  let depth = 0;
  /** At depth 1: whether the next string is a key. */
  let expectKey = false;
  let lastKey: string | null = null;
  let inScreens = false;
  let found: number[] | null = null;
  let current: number[] = [];
  /** In the screens array (depth 2): where the element under way started, or -1. */
  let elementStart = -1;
  let elementEnd = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (inScreens && depth === 2 && elementStart === -1 && c !== 93 /* ] */ && c !== 44 /* , */) elementStart = i;
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (depth === 1 && expectKey) {
        const raw = text.slice(i, end);
        lastKey = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        expectKey = false;
      }
      i = end - 1;
      if (inScreens && depth === 2) elementEnd = end;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1) expectKey = c === 123;
      else if (depth === 2 && c === 91 && lastKey === 'screens') {
        inScreens = true;
        current = [];
        elementStart = -1;
      }
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      if (inScreens && depth === 3) elementEnd = i + 1;
      if (inScreens && depth === 2) {
        if (elementStart !== -1) current.push(elementStart, elementEnd);
        found = current;
        inScreens = false;
      }
      depth--;
      if (depth === 1) lastKey = null;
      continue;
    }
    if (c === 44 /* , */) {
      if (depth === 1) expectKey = true;
      else if (inScreens && depth === 2) {
        current.push(elementStart, elementEnd);
        elementStart = -1;
      }
      continue;
    }
    if (c === 58 /* : */) continue;
    // A literal (number, true, false, null): its characters run to the next delimiter.
    if (inScreens && depth === 2) elementEnd = i + 1;
  }
  return found ? Uint32Array.from(found) : null;
}
