import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { paramsFromSearch, searchFromParams, type SearchQuery } from '../../model/search';

/** The fleet search lives in the URL query, so a copied link reproduces it. Any change but paging starts at the first page. */
export function useSearchView() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => searchFromParams(params), [params]);
  const update = useCallback(
    (change: Partial<SearchQuery>) =>
      setParams((current) => paramsFromSearch({ ...searchFromParams(current), offset: 0, ...change }), { replace: true }),
    [setParams],
  );
  return [query, update] as const;
}
