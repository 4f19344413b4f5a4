import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { searchFromView, viewFromSearch, type ListView } from '../../lib/flow-table/filters';

/** The list's search, filters and sort live in the URL query, so a copied link reproduces the view. */
export function useListView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromSearch(params), [params]);
  const update = useCallback(
    (change: Partial<ListView>) => setParams((current) => searchFromView({ ...viewFromSearch(current), ...change }), { replace: true }),
    [setParams],
  );
  return [view, update] as const;
}
