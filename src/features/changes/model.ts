import type { ChangeFeedQuery } from '../../api/history';
import { CHANGE_KINDS, type ChangeKind } from '../../model/history';

/** `since=24h|7d|30d|90d`: the range ends now. */
export const SINCE = { '24h': 24 * 3_600_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 } as const;
export type Since = keyof typeof SINCE;

export interface ChangesUrlState {
  since: Since;
  provider: string;
  account: string;
  kind: ChangeKind | '';
  toStatus: string;
  toHealth: string;
  offset: number;
}

export function readChangesUrl(params: URLSearchParams): ChangesUrlState {
  const since = params.get('since');
  const kind = params.get('kind') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  return {
    since: since && since in SINCE ? (since as Since) : '7d',
    provider: params.get('provider') ?? '',
    account: params.get('account') ?? '',
    kind: (CHANGE_KINDS as readonly string[]).includes(kind) ? (kind as ChangeKind) : '',
    toStatus: (params.get('toStatus') ?? '').toUpperCase(),
    toHealth: (params.get('toHealth') ?? '').toUpperCase(),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export function withChangesUrl(params: URLSearchParams, patch: Partial<ChangesUrlState>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === '' || value === 0 || (key === 'since' && value === '7d')) next.delete(key);
    else next.set(key, String(value));
  }
  // A new filter starts at the first page.
  if (!('offset' in patch)) next.delete('offset');
  return next;
}

/**
 * The feed request for the URL state. The range ends at the end of the current minute (`now`
 * rounded up), so the key stays stable within a minute and a change seen just now is included.
 */
export function feedQuery(state: ChangesUrlState, now: number): ChangeFeedQuery {
  const to = Math.floor(now / 60_000) * 60_000 + 60_000;
  return {
    from: new Date(to - SINCE[state.since]).toISOString(),
    to: new Date(to).toISOString(),
    provider: state.provider || undefined,
    account: state.account || undefined,
    kind: state.kind || undefined,
    toStatus: state.toStatus || undefined,
    toHealth: state.toHealth || undefined,
    offset: state.offset || undefined,
  };
}
