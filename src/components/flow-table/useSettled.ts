import { useEffect, useState } from 'react';

/** True once the component has stayed mounted for `ms`: rows flung past while scrolling never ask for details. */
export function useSettled(ms: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return settled;
}
