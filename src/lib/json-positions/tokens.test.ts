import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from './fixtures/big-flow';
import { lineStartOffsets } from './lines';
import { LONG_LINE, scalarTokensAt } from './tokens';

describe('scalarTokensAt on long lines', () => {
  const tricky = JSON.stringify({
    a: 'x,"',
    'b"c': ['"', '\\', '\\"', 'q\\\\', ', "k": 1'],
    n: [-1.5e3, 0, 12, true, false, null],
    s: 'Größe 📦 "quoted" [{,:}]',
    pad: 'y'.repeat(LONG_LINE),
  });

  it('finds exactly the tokens the scanner finds, at every offset', () => {
    expect(tricky.length).toBeGreaterThan(LONG_LINE);
    const offsets = Array.from({ length: tricky.length }, (_, i) => i);
    const fast = scalarTokensAt(tricky, lineStartOffsets(tricky), offsets);
    // The same text split into short lines at structural commas keeps every token and every
    // in-string position intact, and takes the scanner path.
    const short = tricky.replace(/"pad":"y+"/, '"pad":"y"');
    const shortOffsets = Array.from({ length: short.length }, (_, i) => i);
    const scanned = scalarTokensAt(short, lineStartOffsets(short), shortOffsets);
    const until = tricky.indexOf('"pad"');
    const slice = (r: { from: number; to: number } | undefined, text: string) => (r ? text.slice(r.from, r.to) : null);
    for (let i = 0; i < until; i++) expect([i, slice(fast[i], tricky)]).toEqual([i, slice(scanned[i], short)]);
    expect(slice(fast[until], tricky)).toBe('"pad"');
  });

  it('agrees with the scanner on a big minified flow with non-ASCII text', () => {
    const text = bigMinifiedFlow(60_000);
    const offsets = Array.from({ length: text.length }, (_, i) => i);
    const fast = scalarTokensAt(text, lineStartOffsets(text), offsets);
    const pretty = JSON.stringify(JSON.parse(text), null, 1);
    expect(fast.filter(Boolean).length).toBe(countScalarTokens(pretty));
    const tokens = fast.flatMap((r) => (r ? [text.slice(r.from, r.to)] : []));
    expect(tokens.slice(0, 6)).toEqual(['"version"', '"5.0"', '"screens"', '"id"', '"SCREEN_0"', '"title"']);
  });
});

/** Scalar tokens on short lines, by the scanner. */
function countScalarTokens(text: string): number {
  const offsets = Array.from({ length: text.length }, (_, i) => i);
  return scalarTokensAt(text, lineStartOffsets(text), offsets).filter(Boolean).length;
}

