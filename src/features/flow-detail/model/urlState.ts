/**
 * The detail page's state in the URL, so a shared link opens the same view:
 * `?error=<index>` (the provider's error index, from 0; `syntax` for the JSON parse error),
 * `view=formatted`, the problems filter (`q=<text>`, `code=<code>` repeated) and the screen shown
 * in the screen map and preview (`screen=<id>`).
 */

import { choiceParam, listParam } from '../../../lib/url-query';

/** The JSON parse error, as opposed to one of the provider's validation errors. */
export const SYNTAX_ERROR = 'syntax';
export type Selection = number | typeof SYNTAX_ERROR | null;
const JSON_VIEWS = ['raw', 'formatted'] as const;
export type JsonView = (typeof JSON_VIEWS)[number];

export interface DetailUrlState {
  error: Selection;
  view: JsonView;
  q: string;
  codes: string[];
  /** The id of the screen shown in the preview; null for the default (the error's, else the first). */
  screen: string | null;
}

export function readDetailUrlState(params: URLSearchParams): DetailUrlState {
  const raw = params.get('error');
  let error: Selection = null;
  if (raw === SYNTAX_ERROR) error = SYNTAX_ERROR;
  else if (raw !== null && /^\d{1,9}$/.test(raw)) error = Number(raw);
  return {
    error,
    view: choiceParam(params, 'view', JSON_VIEWS, 'raw'),
    q: params.get('q') ?? '',
    codes: [...new Set(listParam(params, 'code'))],
    screen: params.get('screen') || null,
  };
}

/** A copy of `params` with `patch` applied; defaults are left out, other parameters kept. */
export function withDetailUrlState(params: URLSearchParams, patch: Partial<DetailUrlState>): URLSearchParams {
  const next = new URLSearchParams(params);
  if ('error' in patch) {
    if (patch.error === null || patch.error === undefined) next.delete('error');
    else next.set('error', String(patch.error));
  }
  if (patch.view !== undefined) {
    if (patch.view === 'formatted') next.set('view', 'formatted');
    else next.delete('view');
  }
  if (patch.q !== undefined) {
    if (patch.q === '') next.delete('q');
    else next.set('q', patch.q);
  }
  if ('screen' in patch) {
    if (patch.screen) next.set('screen', patch.screen);
    else next.delete('screen');
  }
  if (patch.codes !== undefined) {
    next.delete('code');
    for (const code of patch.codes) next.append('code', code);
  }
  return next;
}

/** The viewer marks the JSON parse error with this index. */
export const SYNTAX_MARK_INDEX = -1;

export const selectionToMarkIndex = (selection: Selection): number | null =>
  selection === SYNTAX_ERROR ? SYNTAX_MARK_INDEX : selection;

export const markIndexToSelection = (index: number): Selection => (index === SYNTAX_MARK_INDEX ? SYNTAX_ERROR : index);
