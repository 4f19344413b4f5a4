import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { searchQueryOptions } from '../../api/search';
import { paramsFromSearch, searchFromParams, type SearchQuery } from '../../model/search';

/**
 * The fleet search lives in the URL query, so a copied link reproduces it. Any change but paging
 * starts at the first page. A change asks for its results at once, while the page renders the new
 * URL, rather than once that render is done.
 *
 * `update` keeps its identity while the URL changes (the router's setter does not), so the page's
 * memoised facets and table, which take it as a callback, are not drawn again for a keystroke.
 */
export function useSearchView() {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const query = useMemo(() => searchFromParams(params), [params]);
  const setParamsNow = useRef(setParams);
  useLayoutEffect(() => {
    setParamsNow.current = setParams;
  }, [setParams]);
  const update = useCallback(
    (change: Partial<SearchQuery>) =>
      setParamsNow.current(
        (current) => {
          const next = paramsFromSearch({ ...searchFromParams(current), offset: 0, ...change });
          // The same query (and key) the page reads back from the new URL.
          void queryClient.prefetchQuery(searchQueryOptions(searchFromParams(next)));
          return next;
        },
        { replace: true },
      ),
    [queryClient],
  );
  return [query, update] as const;
}
