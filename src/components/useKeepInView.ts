import { useEffect, type RefObject } from 'react';

/** How long a linked element is kept in view while the page above it loads. */
export const KEEP_IN_VIEW_MS = 10_000;
/** What the person does to move the page themselves: from then on, the page is theirs. */
const OWN_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * While `active`, scrolls `target` to the top of the view, and again each time the page's size
 * changes (the sections above it arriving and filling in), for KEEP_IN_VIEW_MS or until the
 * person scrolls, clicks or types. A deep link to a part of a page stays on that part while the
 * rest of the page loads, wherever the browser's own scroll anchoring would not hold it (a page
 * that was not yet tall enough to scroll).
 */
export function useKeepInView(target: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const show = () => target.current?.scrollIntoView?.({ block: 'start' });
    show();
    if (typeof ResizeObserver === 'undefined') return;
    const resized = new ResizeObserver(show);
    resized.observe(document.body);
    const stop = () => {
      resized.disconnect();
      clearTimeout(timer);
      for (const type of OWN_MOVES) window.removeEventListener(type, stop, true);
    };
    const timer = setTimeout(stop, KEEP_IN_VIEW_MS);
    for (const type of OWN_MOVES) window.addEventListener(type, stop, { capture: true, passive: true });
    return stop;
  }, [target, active]);
}
