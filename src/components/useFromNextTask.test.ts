import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFromNextTask } from './useFromNextTask';

describe('useFromNextTask', () => {
  it('gives the first value in the render after the one that brought it, and later values at once', async () => {
    const first = { n: 1 };
    const second = { n: 2 };
    const { result, rerender } = renderHook(({ value }: { value: { n: number } | undefined }) => useFromNextTask(value), { initialProps: { value: undefined as { n: number } | undefined } });
    expect(result.current).toBeUndefined();
    rerender({ value: first });
    expect(result.current).toBeUndefined();
    await waitFor(() => expect(result.current).toBe(first));
    rerender({ value: second });
    expect(result.current).toBe(second);
  });
});
