import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAfterFirstPaint } from './useAfterFirstPaint';

afterEach(() => vi.unstubAllGlobals());

describe('useAfterFirstPaint', () => {
  it('is true at once when nothing is deferred', () => {
    const { result } = renderHook(() => useAfterFirstPaint(false));
    expect(result.current).toBe(true);
  });

  it('waits for the next frame, then for a task after it', async () => {
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => ((frame = callback), 1));
    const { result } = renderHook(() => useAfterFirstPaint(true));
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current).toBe(false);
    act(() => frame!(performance.now()));
    expect(result.current).toBe(false);
    await waitFor(() => expect(result.current).toBe(true));
  });

  it('does not wait for a frame in a hidden tab, which paints none', async () => {
    const requestFrame = vi.fn(() => 1);
    vi.stubGlobal('requestAnimationFrame', requestFrame);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      const { result } = renderHook(() => useAfterFirstPaint(true));
      await waitFor(() => expect(result.current).toBe(true));
      expect(requestFrame).not.toHaveBeenCalled();
    } finally {
      visibility.mockRestore();
    }
  });
});
