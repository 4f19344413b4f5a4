import { describe, expect, it } from 'vitest';
import { detailsLaterChannel, rows } from './fixtures';
import { toRow } from './rows';
import { countFlows } from './summary';

describe('countFlows', () => {
  it('counts per status and per health, keeping unknown statuses', () => {
    const counts = countFlows(rows);
    expect(counts.total).toBe(4);
    expect(Object.fromEntries(counts.byStatus)).toEqual({ PUBLISHED: 1, DRAFT: 1, THROTTLED: 1, SOMETHING_NEW: 1 });
    expect(Object.fromEntries(counts.byHealth)).toEqual({ AVAILABLE: 1, BLOCKED: 1, LIMITED: 1, UNKNOWN: 1 });
    expect(counts.withErrors).toBe(2);
  });

  it('says health is not exposed for providers without it', () => {
    const counts = countFlows([toRow(detailsLaterChannel, { id: '1', name: 'a', status: 'DRAFT' }, undefined)]);
    expect(Object.fromEntries(counts.byHealth)).toEqual({ UNSUPPORTED: 1 });
  });
});
