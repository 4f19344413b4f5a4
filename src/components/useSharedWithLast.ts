import { replaceEqualDeep } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * `value`, with every part deeply equal to the same part of the last value returned kept as that
 * last object (React Query's structural sharing, across query keys): memoised children given an
 * unchanged part, such as the same rows for the next keystroke's search, are not drawn again.
 */
export function useSharedWithLast<T>(value: T): T {
  const [last, setLast] = useState({ value, shared: value });
  if (last.value === value) return last.shared;
  // A new value: shared with the last one, kept for the next (React draws again at once).
  const shared = replaceEqualDeep(last.shared, value);
  setLast({ value, shared });
  return shared;
}
