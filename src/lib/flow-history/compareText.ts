import { formatFlowJson } from '../json-positions/format';

/** The editor keeps `\n` only: positions must be those of its document (and both sides compare alike). */
export const withNewlines = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** A text looks minified when its lines are long on average (a pretty-printed flow's are short). */
export function looksMinified(text: string): boolean {
  if (text.length < 200) return !text.includes('\n') && text.length > 80;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 200;
}

/**
 * The two texts to compare. When either side looks minified, both are pretty-printed the same
 * way as the viewer's "formatted" view (formatFlowJson), so a one-character change shows as one
 * changed line. A side that is not valid JSON is compared as it is (and both are then left as
 * they are, so the two sides stay comparable).
 */
export function comparableTexts(a: string, b: string): { a: string; b: string; formatted: boolean } {
  if (!looksMinified(a) && !looksMinified(b)) return { a, b, formatted: false };
  try {
    return { a: formatFlowJson(a), b: formatFlowJson(b), formatted: true };
  } catch {
    return { a, b, formatted: false };
  }
}
