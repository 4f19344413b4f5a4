import type { HistoryEntry } from '../../model/history';

const KIND_LABEL: Record<HistoryEntry['kind'], string> = {
  first_seen: 'First seen',
  status: 'Status',
  name: 'Name',
  categories: 'Categories',
  health: 'Health',
  errors_added: 'Validation errors appeared',
  errors_removed: 'Validation errors fixed',
  json_version: 'Flow JSON version',
  data_api_version: 'Data API version',
  endpoint_uri: 'Endpoint',
  json: 'Flow JSON edited',
  gone: 'No longer listed',
};

export const kindLabel = (kind: HistoryEntry['kind']) => KIND_LABEL[kind];

const shortSha = (sha: string | null) => (sha ? sha.slice(0, 10) : 'none');
const or = (v: string | null, empty: string) => (v === null || v === '' ? empty : v);

function errorsOf(detail: unknown): { code: string; path: string | null }[] {
  if (typeof detail !== 'object' || detail === null || !('errors' in detail) || !Array.isArray(detail.errors)) return [];
  return detail.errors.filter((e): e is { code: string; path: string | null } => typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string');
}

function countOf(list: unknown[], one: string, many: string) {
  return `${list.length} ${list.length === 1 ? one : many}`;
}

/** One sentence per entry, in plain words: what changed, from what to what. */
export function describeEntry(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'first_seen':
      return `First seen, status ${or(entry.to, 'unknown')}`;
    case 'status':
      return `Status changed from ${or(entry.from, 'unknown')} to ${or(entry.to, 'unknown')}`;
    case 'name':
      return `Renamed from “${or(entry.from, '')}” to “${or(entry.to, '')}”`;
    case 'categories':
      return `Categories changed from ${or(entry.from, 'none')} to ${or(entry.to, 'none')}`;
    case 'health':
      return entry.from === entry.to
        ? `Health details changed (still ${or(entry.to, 'unknown')})`
        : `Health changed from ${or(entry.from, 'unknown')} to ${or(entry.to, 'unknown')}`;
    case 'errors_added': {
      const errors = errorsOf(entry.detail);
      const codes = [...new Set(errors.map((e) => e.code))].join(', ');
      return `${countOf(errors, 'validation error', 'validation errors')} appeared${codes ? ` (${codes})` : ''}`;
    }
    case 'errors_removed': {
      const errors = errorsOf(entry.detail);
      const codes = [...new Set(errors.map((e) => e.code))].join(', ');
      return `${countOf(errors, 'validation error', 'validation errors')} fixed${codes ? ` (${codes})` : ''}`;
    }
    case 'json_version':
      return `Flow JSON version changed from ${or(entry.from, 'none')} to ${or(entry.to, 'none')}`;
    case 'data_api_version':
      return `Data API version changed from ${or(entry.from, 'none')} to ${or(entry.to, 'none')}`;
    case 'endpoint_uri':
      return `Endpoint changed from ${or(entry.from, 'none')} to ${or(entry.to, 'none')}`;
    case 'json':
      return `Flow JSON edited (${shortSha(entry.from)} → ${shortSha(entry.to)})`;
    case 'gone':
      return 'No longer listed by the provider';
  }
}
