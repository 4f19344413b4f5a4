// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, TextColumn } from './text-column';

/** The slots whose text contains `needle`, as `includes` on each text finds them. */
const naive = (texts: readonly string[], needle: string) => texts.flatMap((t, slot) => (t.includes(needle) ? [slot] : []));

describe('text column', () => {
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const WORDS = ['order', 'orde', 'invalid_property_value', 'a', 'aa', 'zürich', 'मुंबई', 'x'];
  const textOf = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const texts = Array.from({ length: CHUNK_ROWS * 3 + 17 }, textOf);
  // Empty texts, and texts a needle fills exactly, on either side of chunk boundaries.
  texts[0] = '';
  texts[CHUNK_ROWS - 1] = 'order';
  texts[CHUNK_ROWS] = 'order';
  texts[texts.length - 1] = 'aa';
  const column = new TextColumn();
  texts.forEach((t, slot) => column.set(slot, t));
  const needles = ['order', 'orde', 'r o', 'aa', 'a a', 'a', 'zürich', 'मुंबई', 'value x', 'missing', 'x'];

  it('finds exactly the slots, in order, whose text contains the needle, in every chunk', () => {
    for (const needle of needles) expect(column.find(needle), needle).toEqual(naive(texts, needle));
    expect(column.find('')).toHaveLength(texts.length);
  });

  it('finds the same while typing on, each needle narrowing the last one\'s slots', () => {
    const typed = (word: string) => Array.from(word, (_, i) => word.slice(0, i + 1));
    for (const word of ['order orde', 'aa a', 'zürich', 'मुंबई', 'invalid_property_value x', 'xq']) {
      for (const needle of typed(word)) expect(column.find(needle), needle).toEqual(naive(texts, needle));
    }
    // A needle holding the last one anywhere, not only at its start.
    for (const needle of ['rde', 'orde', 'order', ' order', 'e order']) expect(column.find(needle), needle).toEqual(naive(texts, needle));
  });

  it('never matches across two texts, nor a needle holding the separator', () => {
    const pair = new TextColumn();
    pair.set(0, 'ab');
    pair.set(1, 'cd');
    expect(pair.find('bc')).toEqual([]);
    expect(pair.find('b\u0000c')).toEqual([]);
    expect(pair.find('b\u0000')).toEqual([]);
  });

  it('finds a text written again, in a chunk already searched, and no longer its old text', () => {
    expect(column.find('renamed')).toEqual([]);
    for (const slot of [3, CHUNK_ROWS + 5, texts.length - 1]) {
      texts[slot] = 'renamed checkout';
      column.set(slot, texts[slot]!);
    }
    expect(column.get(CHUNK_ROWS + 5)).toBe('renamed checkout');
    // Narrowing from the last answer ('renamed', found nowhere) would miss them.
    expect(column.find('renamed checkout')).toEqual(naive(texts, 'renamed checkout'));
    for (const needle of [...needles, 'checkout']) expect(column.find(needle), needle).toEqual(naive(texts, needle));
    texts.forEach((t, slot) => expect(column.get(slot)).toBe(t));
    // Slots are added in order.
    expect(() => column.set(column.size + 1, 'x')).toThrow(RangeError);
  });
});
