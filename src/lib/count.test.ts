import { describe, expect, it } from 'vitest';
import { formatCount } from './count';

describe('formatCount', () => {
  it('groups thousands with commas as the English locale does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 100_000, 999_999, 1_000_000, 379_589, 2_147_483_647, -1234, -12]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en'));
    }
  });

  it('keeps a fraction as written and leaves what is not a plain number alone', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
    expect(formatCount(NaN)).toBe('NaN');
    expect(formatCount(Infinity)).toBe('Infinity');
    expect(formatCount(1e21)).toBe('1e+21');
  });
});
