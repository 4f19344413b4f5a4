import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from './fixtures/big-flow';
import { validationError } from './fixtures/flows';
import { formatFlowJson, relocateByPath } from './format';
import { locateErrors } from './locate';

// A benchmark-style print, not a timed assertion: timings vary by machine.
describe('performance on a ~10 MB one-line flow', () => {
  it('locates 10,000 errors by position and 1,000 by path', () => {
    const text = bigMinifiedFlow(10_000_000);
    const positions: number[] = [];
    for (let i = text.indexOf('"type"'); i !== -1 && positions.length < 10_000; i = text.indexOf('"type"', i + 997)) {
      positions.push(i);
    }
    const byPosition = positions.reverse().map((offset) =>
      validationError({ lineStart: 1, lineEnd: 1, columnStart: offset + 1, columnEnd: offset + 7 }),
    );
    const screens = (text.match(/"id":"SCREEN_/g) ?? []).length;
    const byPath = Array.from({ length: 1_000 }, (_, i) =>
      validationError({
        pointers: [
          {
            lineStart: null,
            lineEnd: null,
            columnStart: null,
            columnEnd: null,
            path: `screens[${(i * 7919) % screens}].layout.children[0].children[${i % 8}].label`,
          },
        ],
      }),
    );

    let t = performance.now();
    const located = locateErrors(text, byPosition);
    const positionMs = performance.now() - t;
    t = performance.now();
    const pathLocated = locateErrors(text, byPath);
    const pathMs = performance.now() - t;
    t = performance.now();
    const formatted = formatFlowJson(text);
    const formatMs = performance.now() - t;
    t = performance.now();
    const relocated = relocateByPath(formatted, [...byPath, ...byPosition.slice(0, 1_000)], text);
    const relocateMs = performance.now() - t;

    console.log(
      `[json-positions] ${(text.length / 1e6).toFixed(1)} MB, ${screens} screens: ` +
        `${located.length} errors by position ${positionMs.toFixed(0)} ms; ` +
        `${pathLocated.length} by path ${pathMs.toFixed(0)} ms; format ${formatMs.toFixed(0)} ms; ` +
        `relocate ${relocated.length} (1,000 via raw positions) ${relocateMs.toFixed(0)} ms`,
    );
    expect(located.every((l) => l.how === 'token' && text.slice(l.from, l.to) === '"type"')).toBe(true);
    expect(pathLocated.every((l) => l.how === 'path' && text.slice(l.from, l.to).startsWith('"Field '))).toBe(true);
    expect(relocated.every((l) => l.how === 'path')).toBe(true);
  });
});
