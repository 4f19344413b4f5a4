import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../model/history';
import { describeEntry } from './wording';

const entry = (patch: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'e1',
  accountId: 'a',
  channelId: 'c',
  flowId: 'f',
  provider: 'p',
  flowName: 'Sign up',
  at: '2026-11-28T12:00:00.000Z',
  source: 'sync',
  kind: 'status',
  from: null,
  to: null,
  detail: null,
  ...patch,
});

describe('describeEntry', () => {
  it('words each kind of change', () => {
    expect(describeEntry(entry({ kind: 'status', from: 'PUBLISHED', to: 'BLOCKED' }))).toBe('Status changed from PUBLISHED to BLOCKED');
    expect(describeEntry(entry({ kind: 'first_seen', to: 'DRAFT' }))).toBe('First seen, status DRAFT');
    expect(describeEntry(entry({ kind: 'health', from: 'AVAILABLE', to: 'AVAILABLE' }))).toBe('Health details changed (still AVAILABLE)');
    expect(describeEntry(entry({ kind: 'endpoint_uri', from: null, to: 'https://x.test' }))).toBe('Endpoint changed from none to https://x.test');
    expect(describeEntry(entry({ kind: 'json', from: 'a'.repeat(64), to: 'b'.repeat(64) }))).toBe('Flow JSON edited (aaaaaaaaaa → bbbbbbbbbb)');
  });

  it('counts and names the codes of errors that appeared, ignoring malformed details', () => {
    const detail = { errors: [{ code: 'INVALID_PROPERTY', path: 'a' }, { code: 'INVALID_PROPERTY', path: 'b' }, { nope: 1 }] };
    expect(describeEntry(entry({ kind: 'errors_added', detail }))).toBe('2 validation errors appeared (INVALID_PROPERTY)');
    expect(describeEntry(entry({ kind: 'errors_removed', detail: 'garbage' }))).toBe('0 validation errors fixed');
  });
});
