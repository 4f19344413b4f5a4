/**
 * Fleet search over the flow index: one query across every account and channel, answered by the
 * server from its database, with counts per facet. The browser parses answers with these schemas.
 */
import { z } from 'zod/mini';
import { choiceParam, errorsParam, listParam, type ErrorsFilter } from '../lib/url-query';
import { FlowSummarySchema } from './flow';

export const SEARCH_FACETS = ['provider', 'account', 'status', 'category', 'health', 'code', 'jsonVersion'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];
export const SEARCH_SORTS = ['name', 'status', 'errors', 'updated', 'account'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
/** The most results one answer carries; the page asks for more by offset. */
export const SEARCH_PAGE_SIZE = 200;

export interface SearchQuery {
  /** Free text: flow name, flow id, validation error code or message. */
  q: string;
  provider: string[];
  account: string[];
  status: string[];
  category: string[];
  /** Overall health level (AVAILABLE, LIMITED, BLOCKED). */
  health: string[];
  /** Validation error codes. */
  code: string[];
  jsonVersion: string[];
  errors: ErrorsFilter;
  sort: SearchSort;
  dir: 'asc' | 'desc';
  offset: number;
}

export const EMPTY_SEARCH: SearchQuery = { q: '', provider: [], account: [], status: [], category: [], health: [], code: [], jsonVersion: [], errors: null, sort: 'name', dir: 'asc', offset: 0 };

export const SearchRowSchema = z.object({
  accountId: z.string(),
  channelId: z.string(),
  provider: z.string(),
  flow: FlowSummarySchema,
  errorCodes: z.array(z.string()),
  jsonVersion: z.nullable(z.string()),
  /** When the flow's details were last read (sync or an agent opening it); null when never. */
  detailsAt: z.nullable(z.string()),
  /** When a list last showed the flow. */
  seenAt: z.string(),
  /** When the flow was first missing from its channel's list (deleted at the provider). */
  goneAt: z.nullable(z.string()),
});
export type SearchRow = z.infer<typeof SearchRowSchema>;

export const SearchResultSchema = z.object({
  total: z.number(),
  rows: z.array(SearchRowSchema),
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number() }))),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

/** A search from a URL query (the page's and the API's: the same names). Unknown values fall back to defaults. */
export function searchFromParams(params: URLSearchParams): SearchQuery {
  const offset = Number(params.get('offset') ?? 0);
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    provider: listParam(params, 'provider'),
    account: listParam(params, 'account'),
    status: listParam(params, 'status'),
    category: listParam(params, 'category'),
    health: listParam(params, 'health'),
    code: listParam(params, 'code'),
    jsonVersion: listParam(params, 'jsonVersion'),
    errors: errorsParam(params),
    sort: choiceParam(params, 'sort', SEARCH_SORTS, EMPTY_SEARCH.sort),
    dir: choiceParam(params, 'dir', ['asc', 'desc'] as const, 'asc'),
    offset: Number.isInteger(offset) && offset >= 0 && offset <= 1_000_000 ? offset : 0,
  };
}

/** Only what differs from the default goes in the URL, so links stay short. */
export function paramsFromSearch(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const facet of SEARCH_FACETS) if (query[facet].length) params.set(facet, query[facet].join(','));
  if (query.errors) params.set('errors', query.errors);
  if (query.sort !== EMPTY_SEARCH.sort) params.set('sort', query.sort);
  if (query.dir !== EMPTY_SEARCH.dir) params.set('dir', query.dir);
  if (query.offset) params.set('offset', String(query.offset));
  return params;
}
