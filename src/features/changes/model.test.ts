import { describe, expect, it } from 'vitest';
import { changeFeedParams } from '../../api/history';
import { feedQuery, readChangesUrl, withChangesUrl } from './model';

describe('changes URL', () => {
  it('turns "became BLOCKED in the last 24 hours" into one feed request', () => {
    const state = readChangesUrl(new URLSearchParams('since=24h&kind=status&toStatus=blocked'));
    const now = Date.UTC(2026, 10, 28, 12, 30, 45);
    expect(changeFeedParams(feedQuery(state, now)).toString()).toBe(
      // Up to the end of the current minute: a change seen at 12:30:40 is in.
      'from=2026-11-27T12%3A31%3A00.000Z&to=2026-11-28T12%3A31%3A00.000Z&kind=status&toStatus=BLOCKED',
    );
  });

  it('falls back to defaults for unknown values', () => {
    expect(readChangesUrl(new URLSearchParams('since=1y&kind=bogus&offset=-3'))).toMatchObject({ since: '7d', kind: '', offset: 0 });
  });

  it('resets paging when a filter changes and drops defaults', () => {
    const params = new URLSearchParams('since=24h&offset=100');
    expect(withChangesUrl(params, { kind: 'health' }).toString()).toBe('since=24h&kind=health');
    expect(withChangesUrl(params, { since: '7d' }).toString()).toBe('');
  });
});
