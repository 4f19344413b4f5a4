import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSharedWithLast } from './useSharedWithLast';

type Answer = { total: number; rows: { id: string; codes: string[] }[]; facets: Record<string, { value: string; count: number }[]> };

const answer = (total: number, ids: string[], statusCount: number): Answer => ({
  total,
  rows: ids.map((id) => ({ id, codes: ['INVALID_PROPERTY_VALUE'] })),
  facets: { status: [{ value: 'DRAFT', count: statusCount }], provider: [{ value: 'meta', count: total }] },
});

describe('useSharedWithLast', () => {
  it('keeps the last objects for the parts of a new value that are deeply equal, and takes the changed ones', () => {
    const first = answer(3, ['a', 'b', 'c'], 2);
    const { result, rerender } = renderHook(({ value }) => useSharedWithLast(value), { initialProps: { value: first } });
    expect(result.current).toBe(first);

    // The next keystroke's answer: the same rows, one facet's count changed.
    const second = answer(3, ['a', 'b', 'c'], 1);
    rerender({ value: second });
    expect(result.current).not.toBe(first);
    expect(result.current.rows).toBe(first.rows);
    expect(result.current.facets.provider).toBe(first.facets.provider);
    expect(result.current.facets.status).toEqual([{ value: 'DRAFT', count: 1 }]);

    // Rows partly new: the unchanged ones stay the same objects.
    const third = answer(3, ['a', 'x', 'c'], 1);
    rerender({ value: third });
    expect(result.current.rows).not.toBe(first.rows);
    expect(result.current.rows[0]).toBe(first.rows[0]);
    expect(result.current.rows[1]).toEqual({ id: 'x', codes: ['INVALID_PROPERTY_VALUE'] });
    expect(result.current.rows[2]).toBe(first.rows[2]);

    // An equal answer as a whole is the last object itself; the same value again changes nothing.
    const shown = result.current;
    rerender({ value: answer(3, ['a', 'x', 'c'], 1) });
    expect(result.current).toBe(shown);
    rerender({ value: third });
    expect(result.current).toBe(shown);
  });

  it('passes undefined through (no answer yet)', () => {
    const { result, rerender } = renderHook(({ value }) => useSharedWithLast(value), { initialProps: { value: undefined as Answer | undefined } });
    expect(result.current).toBeUndefined();
    const first = answer(1, ['a'], 1);
    rerender({ value: first });
    expect(result.current).toBe(first);
  });
});
