import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { buildDoc } from './docs';

describe('buildDoc', () => {
  it.each([
    ['', 5],
    ['one line', 3],
    ['{\n  "a": 1,\n  "b": [\n    2\n  ]\n}', 4],
    ['a\n\n\nb\n', 1],
    ['x\n'.repeat(100), 7],
  ])('builds %j in pieces into the same document as Text.of', async (text, piece) => {
    const doc = await buildDoc(text, undefined, piece);
    const whole = Text.of(text.split('\n'));
    expect(doc.eq(whole)).toBe(true);
    expect(doc.lines).toBe(whole.lines);
    expect(doc.sliceString(0)).toBe(text);
    expect(doc.toString()).toBe(text);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const pending = buildDoc('x\n'.repeat(100), controller.signal, 10);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});
