/** The list view's state (search, filters, sort) and its round trip through the URL query. */
import { choiceParam, errorsParam, listParam, type ErrorsFilter } from '../url-query';
import type { FlowRow } from './rows';

export const SORT_COLUMNS = ['name', 'id', 'status', 'categories', 'errors', 'health', 'channel'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ListView {
  q: string;
  status: string[];
  category: string[];
  health: string[];
  errors: ErrorsFilter;
  sort: SortColumn;
  dir: 'asc' | 'desc';
}

export const DEFAULT_VIEW: ListView = { q: '', status: [], category: [], health: [], errors: null, sort: 'name', dir: 'asc' };

export function viewFromSearch(params: URLSearchParams): ListView {
  return {
    q: params.get('q') ?? '',
    status: listParam(params, 'status'),
    category: listParam(params, 'category'),
    health: listParam(params, 'health'),
    errors: errorsParam(params),
    sort: choiceParam(params, 'sort', SORT_COLUMNS, DEFAULT_VIEW.sort),
    dir: choiceParam(params, 'dir', ['asc', 'desc'] as const, 'asc'),
  };
}

/** Only what differs from the default goes in the URL, so links stay short. */
export function searchFromView(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.status.length) params.set('status', view.status.join(','));
  if (view.category.length) params.set('category', view.category.join(','));
  if (view.health.length) params.set('health', view.health.join(','));
  if (view.errors) params.set('errors', view.errors);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.dir !== DEFAULT_VIEW.dir) params.set('dir', view.dir);
  return params;
}

export function healthLevel(row: FlowRow): string | undefined {
  return row.health === null ? 'UNSUPPORTED' : row.health?.canSendMessage;
}

export function filterRows(rows: readonly FlowRow[], view: ListView): FlowRow[] {
  const q = view.q.trim().toLowerCase();
  const status = new Set(view.status);
  const category = new Set(view.category);
  const health = new Set(view.health);
  return rows.filter(
    (row) =>
      (!q || row.searchText.includes(q)) &&
      (status.size === 0 || status.has(row.status)) &&
      (category.size === 0 || (row.categories?.some((c) => category.has(c)) ?? false)) &&
      (health.size === 0 || health.has(healthLevel(row) ?? '')) &&
      (view.errors === null ||
        (view.errors === 'with' ? (row.errorCount ?? 0) > 0 : row.errorCount === 0)),
  );
}

const HEALTH_ORDER: Record<string, number> = { BLOCKED: 0, LIMITED: 1, AVAILABLE: 2, UNSUPPORTED: 4 };
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sort keys; rows whose value is unknown (details not loaded) sort last in either direction. */
const KEYS: Record<SortColumn, (row: FlowRow) => string | number | undefined> = {
  name: (r) => r.name,
  id: (r) => r.id,
  status: (r) => r.status,
  categories: (r) => r.categories?.join(','),
  errors: (r) => r.errorCount ?? undefined,
  health: (r) => {
    const level = healthLevel(r);
    return level === undefined ? undefined : (HEALTH_ORDER[level] ?? 3);
  },
  channel: (r) => `${r.channel.account.providerLabel} ${r.channel.account.name} ${r.channel.label ?? r.channel.channelId}`,
};

export function sortRows(rows: readonly FlowRow[], column: SortColumn, dir: 'asc' | 'desc'): FlowRow[] {
  const key = KEYS[column];
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, k: key(row) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) return a.k === b.k ? 0 : a.k === undefined ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return sign * c || collator.compare(a.row.id, b.row.id);
  });
  return keyed.map((k) => k.row);
}
