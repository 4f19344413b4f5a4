import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEEP_IN_VIEW_MS, useKeepInView } from './useKeepInView';

/** The page's size changes as the test says (jsdom lays nothing out). */
let resize: (() => void) | null = null;
class FakeResizeObserver {
  constructor(callback: () => void) {
    resize = callback;
  }
  observe() {}
  disconnect() {
    resize = null;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  resize = null;
});

function linkedSection() {
  const element = document.createElement('section');
  const scrolled = vi.fn();
  element.scrollIntoView = scrolled;
  return { ref: { current: element }, scrolled };
}

describe('useKeepInView', () => {
  it('scrolls the element into view, and again each time the page grows above it', () => {
    const { ref, scrolled } = linkedSection();
    renderHook(() => useKeepInView(ref, true));
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(scrolled).toHaveBeenCalledWith({ block: 'start' });
    resize!();
    resize!();
    expect(scrolled).toHaveBeenCalledTimes(3);
  });

  it('leaves the page to the person once they scroll, click or type', () => {
    for (const move of ['wheel', 'pointerdown', 'keydown', 'touchstart']) {
      const { ref, scrolled } = linkedSection();
      const { unmount } = renderHook(() => useKeepInView(ref, true));
      window.dispatchEvent(new Event(move));
      expect(resize, move).toBeNull();
      expect(scrolled).toHaveBeenCalledTimes(1);
      unmount();
    }
  });

  it(`stops after ${KEEP_IN_VIEW_MS / 1000} s, and on unmount`, () => {
    const { ref } = linkedSection();
    const { unmount } = renderHook(() => useKeepInView(ref, true));
    vi.advanceTimersByTime(KEEP_IN_VIEW_MS - 1);
    expect(resize).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(resize).toBeNull();
    unmount();
    const again = linkedSection();
    const second = renderHook(() => useKeepInView(again.ref, true));
    second.unmount();
    expect(resize).toBeNull();
  });

  it('does nothing when the page was not opened on the element', () => {
    const { ref, scrolled } = linkedSection();
    renderHook(() => useKeepInView(ref, false));
    expect(scrolled).not.toHaveBeenCalled();
    expect(resize).toBeNull();
  });
});
