import type { JsonPath } from './types';

/** A name segment: everything up to the next separator, bracket or space (one regex match, not a test per character). */
const NAME = /[^./[\]\s]+/y;

/**
 * Parses a provider's error path into segments. Accepts the dotted form
 * `screens[0].layout.children[0].type`, Meta's stray spaces (`screens [0]. layout`),
 * a leading `$` or `$root`, slash forms (`$root/screens/0/layout`, `/screens/0`)
 * and quoted brackets (`['on-click-action']`). Digit-only segments become numbers.
 * Returns null if the text is not a path.
 */
export function parseFlowPath(path: string): JsonPath | null {
  const s = path.trim();
  if (s === '') return null;
  const root = /^\$(?:root)?(?=$|[./[\s])/.exec(s);
  let i = root ? root[0].length : 0;
  const rooted = root !== null;
  const out: JsonPath = [];
  // Whether a name may follow: at the start, or right after a separator.
  let nameAllowed = true;
  let afterSeparator = false;

  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '.' || c === '/') {
      if (afterSeparator) return null;
      i++;
      nameAllowed = true;
      afterSeparator = true;
    } else if (c === '[') {
      const parsed = parseBracket(s, i + 1);
      if (!parsed) return null;
      out.push(parsed.segment);
      i = parsed.next;
      nameAllowed = false;
      afterSeparator = false;
    } else if (c === ']') {
      return null;
    } else {
      if (!nameAllowed) return null;
      NAME.lastIndex = i;
      const name = NAME.exec(s)![0];
      out.push(/^\d+$/.test(name) ? Number(name) : name);
      i += name.length;
      nameAllowed = false;
      afterSeparator = false;
    }
  }
  if (afterSeparator && out.length > 0) return null;
  if (out.length === 0 && !rooted) return null;
  return out;
}

function parseBracket(s: string, start: number): { segment: string | number; next: number } | null {
  let i = skipSpaces(s, start);
  let segment: string | number;
  const quote = s[i];
  if (quote === '"' || quote === "'") {
    let value = '';
    i++;
    while (i < s.length && s[i] !== quote) {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      value += s[i];
      i++;
    }
    if (i >= s.length) return null;
    segment = value;
    i++;
  } else {
    const m = /^\d+/.exec(s.slice(i, i + 20));
    if (!m) return null;
    segment = Number(m[0]);
    i += m[0].length;
  }
  i = skipSpaces(s, i);
  if (s[i] !== ']') return null;
  return { segment, next: i + 1 };
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

/** Renders segments the way Meta writes paths: `screens[0].layout.children[0].type`. */
export function formatFlowPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The screen index of a path that starts with `screens[i]`, else null. */
export function screenOfPath(path: JsonPath | null): number | null {
  if (!path || path[0] !== 'screens') return null;
  const index = path[1];
  return typeof index === 'number' ? index : null;
}

/** Stable string key of a path; array indices and digit-only keys compare equal. */
export function pathKey(path: readonly (string | number)[]): string {
  return `${path.length}:${path.join('\u0000')}`;
}
