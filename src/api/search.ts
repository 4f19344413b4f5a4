/** Fleet search over the server's flow index: query key and request function, defined once. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { paramsFromSearch, SearchResultSchema, type SearchQuery } from '../model/search';
import { getJson } from './client';

export const searchKeys = {
  all: ['search'] as const,
  query: (query: SearchQuery) => ['search', paramsFromSearch(query).toString()] as const,
};

export const searchQueryOptions = (query: SearchQuery) =>
  queryOptions({
    queryKey: searchKeys.query(query),
    queryFn: ({ signal }) => getJson(`/api/search?${paramsFromSearch(query)}`, (b) => SearchResultSchema.parse(b), signal),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
