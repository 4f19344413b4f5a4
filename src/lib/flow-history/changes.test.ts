import { describe, expect, it } from 'vitest';
import { dedupeKey, detectChanges, mergeSnapshot, type FlowSnapshot } from './changes';

const flow = { accountId: 'acc', channelId: 'ch', flowId: 'f1' };
const T = Date.UTC(2026, 10, 28, 12, 0, 0);

const base: FlowSnapshot = {
  status: 'DRAFT',
  name: 'Sign up',
  categories: ['SIGN_UP', 'OTHER'],
  health: {
    canSendMessage: 'AVAILABLE',
    entities: [
      { type: 'FLOW', id: 'f1', canSendMessage: 'AVAILABLE', errors: [] },
      { type: 'WABA', id: 'w1', canSendMessage: 'AVAILABLE', errors: [] },
    ],
  },
  validationErrors: [{ code: 'INVALID_PROPERTY', path: 'screens[0].layout', message: 'bad' }],
  jsonVersion: '6.0',
  dataApiVersion: '3.0',
  endpointUri: null,
  jsonSha256: 'aaa',
};

const kinds = (list: { kind: string }[]) => list.map((c) => c.kind);

describe('detectChanges', () => {
  it('records a first sighting as one first_seen entry', () => {
    const out = detectChanges(flow, null, base, { at: T });
    expect(kinds(out)).toEqual(['first_seen']);
    expect(out[0]?.to).toBe('DRAFT');
  });

  it('gives nothing for an unchanged snapshot, even reordered', () => {
    const reordered: FlowSnapshot = {
      ...base,
      categories: ['OTHER', 'SIGN_UP'],
      health: { canSendMessage: 'AVAILABLE', entities: [...(base.health?.entities ?? [])].reverse() },
    };
    expect(detectChanges(flow, base, { ...base }, { at: T })).toEqual([]);
    expect(detectChanges(flow, base, reordered, { at: T })).toEqual([]);
  });

  it('is idempotent: the same new snapshot twice gives nothing the second time', () => {
    const next = { ...base, status: 'PUBLISHED' };
    expect(kinds(detectChanges(flow, base, next, { at: T }))).toEqual(['status']);
    expect(detectChanges(flow, mergeSnapshot(base, next), next, { at: T + 1000 })).toEqual([]);
  });

  it('gives one entry per changed aspect with from and to', () => {
    const next: FlowSnapshot = {
      ...base,
      status: 'BLOCKED',
      name: 'Sign up v2',
      categories: ['SIGN_UP'],
      jsonVersion: '7.0',
      dataApiVersion: '4.0',
      endpointUri: 'https://example.test/flow',
      jsonSha256: 'bbb',
    };
    const out = detectChanges(flow, base, next, { at: T });
    expect(out.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['status', 'DRAFT', 'BLOCKED'],
      ['name', 'Sign up', 'Sign up v2'],
      ['categories', 'OTHER, SIGN_UP', 'SIGN_UP'],
      ['json_version', '6.0', '7.0'],
      ['data_api_version', '3.0', '4.0'],
      ['endpoint_uri', null, 'https://example.test/flow'],
      ['json', 'aaa', 'bbb'],
    ]);
  });

  it('records errors appearing and disappearing by code and path', () => {
    const next: FlowSnapshot = {
      ...base,
      validationErrors: [
        // same code, other path: one removed, one added
        { code: 'INVALID_PROPERTY', path: 'screens[1].layout', message: 'bad' },
        { code: 'MISSING_REQUIRED', path: null, message: 'missing' },
      ],
    };
    const out = detectChanges(flow, base, next, { at: T });
    expect(kinds(out)).toEqual(['errors_removed', 'errors_added']);
    expect(out[0]?.detail).toEqual({ errors: [{ code: 'INVALID_PROPERTY', path: 'screens[0].layout', message: 'bad' }] });
    expect((out[1]?.detail as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['INVALID_PROPERTY', 'MISSING_REQUIRED']);
    expect([out[1]?.from, out[1]?.to]).toEqual(['1', '2']);
  });

  it('ignores a message-only change of an error with the same code and path', () => {
    const next = { ...base, validationErrors: [{ code: 'INVALID_PROPERTY', path: 'screens[0].layout', message: 'reworded' }] };
    expect(detectChanges(flow, base, next, { at: T })).toEqual([]);
  });

  it('records health per entity, including an entity that only changed its errors', () => {
    const next: FlowSnapshot = {
      ...base,
      health: {
        canSendMessage: 'AVAILABLE',
        entities: [
          { type: 'FLOW', id: 'f1', canSendMessage: 'AVAILABLE', errors: [] },
          { type: 'WABA', id: 'w1', canSendMessage: 'AVAILABLE', errors: [{ code: 131000, description: 'Quality rating low' }] },
        ],
      },
    };
    const out = detectChanges(flow, base, next, { at: T });
    expect(kinds(out)).toEqual(['health']);
    expect(out[0]?.detail).toEqual({
      entities: [{ entity: 'WABA:w1', type: 'WABA', id: 'w1', from: 'AVAILABLE', to: 'AVAILABLE', errors: [{ code: 131000, description: 'Quality rating low' }] }],
    });
  });

  it('records the overall health level as from and to', () => {
    const next: FlowSnapshot = {
      ...base,
      health: { canSendMessage: 'BLOCKED', entities: [{ type: 'FLOW', id: 'f1', canSendMessage: 'BLOCKED', errors: [] }] },
    };
    const [change] = detectChanges(flow, base, next, { at: T });
    expect([change?.kind, change?.from, change?.to]).toEqual(['health', 'AVAILABLE', 'BLOCKED']);
    const entities = (change?.detail as { entities: { entity: string; from: string | null; to: string | null }[] }).entities;
    expect(entities.map((e) => [e.entity, e.from, e.to])).toEqual([
      ['FLOW:f1', 'AVAILABLE', 'BLOCKED'],
      ['WABA:w1', 'AVAILABLE', null],
    ]);
  });

  it('does not count a JSON that was not downloaded as a change, and keeps its hash', () => {
    const listOnly = { ...base, jsonSha256: null };
    expect(detectChanges(flow, base, listOnly, { at: T })).toEqual([]);
    expect(mergeSnapshot(base, listOnly).jsonSha256).toBe('aaa');
  });
});

describe('dedupe keys', () => {
  it('are the same for the same change seen twice in one bucket (two replicas)', () => {
    const next = { ...base, status: 'BLOCKED' };
    const a = detectChanges(flow, base, next, { at: T + 1_000 });
    const b = detectChanges(flow, base, next, { at: T + 59_000 });
    expect(a[0]?.dedupeKey).toBe(b[0]?.dedupeKey);
  });

  it('differ by bucket, flow, kind and values', () => {
    const k = dedupeKey(flow, 'status', 'DRAFT', 'BLOCKED', T);
    expect(dedupeKey(flow, 'status', 'DRAFT', 'BLOCKED', T + 60_000)).not.toBe(k);
    expect(dedupeKey({ ...flow, flowId: 'f2' }, 'status', 'DRAFT', 'BLOCKED', T)).not.toBe(k);
    expect(dedupeKey(flow, 'name', 'DRAFT', 'BLOCKED', T)).not.toBe(k);
    expect(dedupeKey(flow, 'status', 'DRAFT', 'PUBLISHED', T)).not.toBe(k);
    expect(dedupeKey(flow, 'status', null, 'DRAFT', T)).not.toBe(dedupeKey(flow, 'status', '', 'DRAFT', T));
  });

  it('tell apart two error changes with the same counts but different errors', () => {
    const one = { ...base, validationErrors: [{ code: 'A', path: 'x', message: '' }] };
    const other = { ...base, validationErrors: [{ code: 'B', path: 'x', message: '' }] };
    const empty = { ...base, validationErrors: [] };
    const [a] = detectChanges(flow, empty, one, { at: T });
    const [b] = detectChanges(flow, empty, other, { at: T });
    expect(a?.dedupeKey).not.toBe(b?.dedupeKey);
  });
});
