import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * `value`, except that its first value other than undefined is returned from the render after
 * this one, which runs in a task of its own: rendered at once in that task (flushSync), so no
 * update waiting for React's next render (the code viewer's mounting, say) joins it there. Later
 * values are returned at once.
 */
export function useFromNextTask<T>(value: T | undefined): T | undefined {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || value === undefined) return;
    const timer = setTimeout(() => flushSync(() => setReady(true)));
    return () => clearTimeout(timer);
  }, [ready, value]);
  return ready ? value : undefined;
}
