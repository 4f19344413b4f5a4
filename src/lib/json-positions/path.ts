import type { JsonPath } from './types';

/** A name segment: everything up to the next separator, bracket or space (one regex match, not a test per character). */
const NAME = /[^./[\]\s]+/y;

/** Whether a character code is one of the regex `\s` characters (a comparison, not a regex test per character). */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

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
    if (isSpace(s.charCodeAt(i))) {
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
    let end = i;
    while (end < s.length && end - i < 20 && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
    if (end === i) return null;
    segment = Number(s.slice(i, end));
    i = end;
  }
  i = skipSpaces(s, i);
  if (s[i] !== ']') return null;
  return { segment, next: i + 1 };
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
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

/**
 * The common dotted form with only identifier names and array indices after `screens[i]`: every
 * text it matches parses (`parseFlowPath`) to a path under `screens[i]`.
 */
const COMMON_SCREEN_PATH = /^screens\[(\d{1,9})\](?:\.[A-Za-z_$][\w$-]*|\[\d{1,9}\])*$/;

/**
 * `screenOfPath(parseFlowPath(text))`, with `undefined` when the text is not a path: the common
 * `screens[i].layout…` form is read with one regex match (10,000 errors: a few milliseconds).
 */
export function screenOfPathText(text: string): number | null | undefined {
  const common = COMMON_SCREEN_PATH.exec(text);
  if (common) return Number(common[1]);
  const path = parseFlowPath(text);
  return path ? screenOfPath(path) : undefined;
}

/** Stable string key of a path; array indices and digit-only keys compare equal. */
export function pathKey(path: readonly (string | number)[]): string {
  return `${path.length}:${path.join('\u0000')}`;
}
