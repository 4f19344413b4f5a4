import type { ChannelRef } from '../../model/flow';
import type { JsonVersion } from '../../model/history';

export interface Comparison {
  from: string;
  to: string;
}

/**
 * The one-click comparisons of the newest stored version (`versions` newest first) with: the one
 * before it, the last older one without validation errors, the last older PUBLISHED one.
 */
export function comparisonTargets(versions: readonly JsonVersion[]): {
  previous: Comparison | null;
  lastValid: Comparison | null;
  lastPublished: Comparison | null;
} {
  const [current, ...older] = versions;
  if (!current) return { previous: null, lastValid: null, lastPublished: null };
  const to = current.sha256;
  const pick = (v: JsonVersion | undefined) => (v && v.sha256 !== to ? { from: v.sha256, to } : null);
  return {
    previous: pick(older[0]),
    lastValid: pick(older.find((v) => v.errorCount === 0)),
    lastPublished: pick(older.find((v) => v.status === 'PUBLISHED')),
  };
}

export type DiffLayout = 'split' | 'unified';

/**
 * The history part of the flow page's URL: `view=history&entry=<id>`,
 * `view=diff&from=&to=&layout=` (`&whole=1`: the two whole documents rather than the changed lines).
 */
export interface HistoryUrlState {
  view: 'history' | 'diff' | null;
  entry: string | null;
  from: string | null;
  to: string | null;
  layout: DiffLayout;
  whole: boolean;
}

const SHA = /^[0-9a-f]{8,128}$/i;

export function readHistoryUrlState(params: URLSearchParams): HistoryUrlState {
  const view = params.get('view');
  const from = params.get('from');
  const to = params.get('to');
  return {
    view: view === 'history' || view === 'diff' ? view : null,
    entry: params.get('entry') || null,
    from: from && SHA.test(from) ? from : null,
    to: to && SHA.test(to) ? to : null,
    layout: params.get('layout') === 'unified' ? 'unified' : 'split',
    whole: params.get('whole') === '1',
  };
}

/** `params` with the history state replaced (other parameters kept). */
export function withHistoryUrlState(params: URLSearchParams, state: Partial<HistoryUrlState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null) next.delete(key);
    else next.set(key, value);
  };
  set('view', state.view);
  set('entry', state.entry);
  set('from', state.from);
  set('to', state.to);
  if (state.layout !== undefined) set('layout', state.layout === 'split' ? null : state.layout);
  if (state.whole !== undefined) set('whole', state.whole ? '1' : null);
  return next;
}

/** A comparison a flow page's URL opens: which flow, which versions, and whether as whole documents. */
export interface LinkedComparison extends Comparison {
  ref: ChannelRef;
  flowId: string;
  whole: boolean;
}

/** The comparison a deep link to a flow page opens (`?view=diff&from=&to=`), if any. */
export function linkedComparison(params: { accountId?: string; channelId?: string; flowId?: string }, search: URLSearchParams): LinkedComparison | null {
  const { accountId, channelId, flowId } = params;
  const state = readHistoryUrlState(search);
  if (state.view !== 'diff' || !state.from || !state.to || !accountId || !channelId || !flowId) return null;
  return { ref: { accountId, channelId }, flowId, from: state.from, to: state.to, whole: state.whole };
}
