import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readDetailUrlState, withDetailUrlState, type DetailUrlState } from './model/urlState';

/** The page's URL state; updates replace the history entry, so the back button leaves the flow. */
export function useDetailUrlState(): [DetailUrlState, (patch: Partial<DetailUrlState>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Partial<DetailUrlState>) => setParams((current) => withDetailUrlState(current, patch), { replace: true, preventScrollReset: true }),
    [setParams],
  );
  // Memoised on the params, as the list's useListView: the state (and its arrays) keep their identity.
  const state = useMemo(() => readDetailUrlState(params), [params]);
  return [state, update];
}
