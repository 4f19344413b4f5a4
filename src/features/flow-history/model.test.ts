import { describe, expect, it } from 'vitest';
import type { JsonVersion } from '../../model/history';
import { comparisonTargets, readHistoryUrlState, withHistoryUrlState } from './model';

const v = (sha256: string, status: string | null, errorCount: number | null): JsonVersion => ({ sha256, firstSeenAt: '2026-11-28T00:00:00Z', status, errorCount });

describe('comparisonTargets', () => {
  it('finds the previous, last valid and last published versions', () => {
    const versions = [v('d4', 'DRAFT', 2), v('c3', 'DRAFT', 1), v('b2', 'DRAFT', 0), v('a1', 'PUBLISHED', 0)];
    expect(comparisonTargets(versions)).toEqual({
      previous: { from: 'c3', to: 'd4' },
      lastValid: { from: 'b2', to: 'd4' },
      lastPublished: { from: 'a1', to: 'd4' },
    });
  });

  it('gives nothing to compare with a single version or none', () => {
    expect(comparisonTargets([v('a1', 'PUBLISHED', 0)])).toEqual({ previous: null, lastValid: null, lastPublished: null });
    expect(comparisonTargets([])).toEqual({ previous: null, lastValid: null, lastPublished: null });
  });
});

describe('history URL state', () => {
  it('reads a diff link and ignores malformed hashes', () => {
    expect(readHistoryUrlState(new URLSearchParams('view=diff&from=abcdef12&to=<script>&layout=unified'))).toEqual({
      view: 'diff',
      entry: null,
      from: 'abcdef12',
      to: null,
      layout: 'unified',
      whole: false,
    });
    expect(readHistoryUrlState(new URLSearchParams('view=diff&whole=1')).whole).toBe(true);
    expect(readHistoryUrlState(new URLSearchParams('view=formatted')).view).toBeNull();
  });

  it('round-trips and keeps other parameters', () => {
    const params = withHistoryUrlState(new URLSearchParams('error=2'), { view: 'diff', from: 'aaaaaaaa', to: 'bbbbbbbb', layout: 'unified' });
    expect(params.toString()).toBe('error=2&view=diff&from=aaaaaaaa&to=bbbbbbbb&layout=unified');
    expect(withHistoryUrlState(params, { layout: 'split', view: 'history', from: null, to: null }).toString()).toBe('error=2&view=history');
    const whole = withHistoryUrlState(params, { whole: true });
    expect(whole.get('whole')).toBe('1');
    expect(withHistoryUrlState(whole, { whole: false }).has('whole')).toBe(false);
  });
});
