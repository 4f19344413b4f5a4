import { startTransition, useEffect, useState } from 'react';

/**
 * False on the first render when `defer` is set, then true from a task that runs once the frame
 * after that render has been painted (the next animation frame, then a new task); true from the
 * start otherwise. Lets a page paint what a link points at before it renders the rest (as a
 * transition, so in short slices rather than one long task). A hidden
 * tab paints no frames: there it goes on in the next task.
 */
export function useAfterFirstPaint(defer: boolean): boolean {
  const [ready, setReady] = useState(!defer);
  useEffect(() => {
    if (ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A task of its own: the frame's paint comes before it. A transition: React renders what
    // follows in slices that let the browser paint and answer input in between.
    const next = () => (timer = setTimeout(() => startTransition(() => setReady(true)), 0));
    const frame = document.visibilityState === 'hidden' ? (next(), null) : requestAnimationFrame(next);
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);
  return ready;
}
