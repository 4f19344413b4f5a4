/**
 * The problems panel's model, like an editor's: validation errors grouped by screen (the
 * `screens[i]` of their path, named by the screen's id in the JSON), counts per error code, a
 * filter, and the flat list of rows the virtualized list draws.
 */
import { screenOfError } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';
import { SYNTAX_ERROR, type Selection } from './urlState';

export interface CodeCount {
  code: string;
  count: number;
}

export interface ErrorGroup {
  /** `screen:<i>`, or `flow` for errors outside any screen (such as `version`) or without a path. */
  key: string;
  screen: number | null;
  /** Error indices in the provider's list, ascending. */
  indices: number[];
}

export interface ProblemFilter {
  /** Case-insensitive text matched against number, code, type, message, paths and screen id. */
  q: string;
  /** Error codes to show; empty shows all. */
  codes: readonly string[];
}

export type ProblemRow =
  | { kind: 'syntax' }
  | { kind: 'group'; group: ErrorGroup; shown: number; collapsed: boolean }
  | { kind: 'error'; index: number; groupKey: string };

/**
 * Error codes with how often each occurs, most frequent first, then by code (compared by character
 * code, not `localeCompare`: its first call loads the browser's collation data, 30-100 ms of the
 * list's first drawing).
 */
export function countCodes(errors: readonly ValidationError[], indices?: readonly number[]): CodeCount[] {
  const counts = new Map<string, number>();
  const add = (e: ValidationError) => counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  if (indices) for (const i of indices) add(errors[i]!);
  else errors.forEach(add);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export const FLOW_GROUP = 'flow';

export function screenLabel(screen: number | null, screenId: string | null): string {
  if (screen === null) return 'Flow level (not in a screen)';
  return screenId ? `screens[${screen}] · ${screenId}` : `screens[${screen}]`;
}

/** A group's heading: its screen's index and id (the id once the JSON is read). */
export function groupLabel(group: ErrorGroup, screenIds: readonly (string | null)[]): string {
  return screenLabel(group.screen, group.screen === null ? null : (screenIds[group.screen] ?? null));
}

/** The screen index of each error (from its first parsable pointer path), null outside screens. */
export function screensOfErrors(errors: readonly ValidationError[]): (number | null)[] {
  return errors.map(screenOfError);
}

/**
 * Groups errors by screen: flow-level errors first, then screens in document order. Only the
 * indices: a group's label (`groupLabel`) and code counts (`countCodes(errors, group.indices)`) are
 * worked out when its row is drawn, so 10,000 errors on 5,000 screens group in a few milliseconds,
 * and the screen ids arriving with the JSON do not group them again.
 */
export function groupByScreen(errors: readonly ValidationError[], screens: readonly (number | null)[]): ErrorGroup[] {
  const flow: number[] = [];
  const byScreen = new Map<number, number[]>();
  for (let i = 0; i < errors.length; i++) {
    const screen = screens[i] ?? null;
    if (screen === null) {
      flow.push(i);
      continue;
    }
    const list = byScreen.get(screen);
    if (list) list.push(i);
    else byScreen.set(screen, [i]);
  }
  const groups: ErrorGroup[] = flow.length > 0 ? [{ key: FLOW_GROUP, screen: null, indices: flow }] : [];
  for (const screen of [...byScreen.keys()].sort((a, b) => a - b)) groups.push({ key: `screen:${screen}`, screen, indices: byScreen.get(screen)! });
  return groups;
}

/** Whether each error passes the filter; the text is also matched against the error's screen id. */
export function matchErrors(
  errors: readonly ValidationError[],
  groups: readonly ErrorGroup[],
  filter: ProblemFilter,
  screenIds: readonly (string | null)[] = [],
): boolean[] {
  const q = filter.q.trim().toLowerCase();
  const codes = new Set(filter.codes);
  if (q === '' && codes.size === 0) return new Array<boolean>(errors.length).fill(true);
  const screenIdOf = new Map<number, string>();
  if (q !== '') {
    for (const g of groups) {
      const id = g.screen === null ? null : screenIds[g.screen];
      if (id) for (const i of g.indices) screenIdOf.set(i, id);
    }
  }
  return errors.map((e, i) => {
    if (codes.size > 0 && !codes.has(e.code)) return false;
    if (q === '') return true;
    const text = [`#${i + 1}`, e.code, e.type ?? '', e.message, ...e.pointers.map((p) => p.path ?? ''), screenIdOf.get(i) ?? ''];
    return text.some((t) => t.toLowerCase().includes(q));
  });
}

/** The rows to draw: the parse error first, then each group with a header and its shown errors. */
export function problemRows(
  groups: readonly ErrorGroup[],
  matches: readonly boolean[],
  collapsed: ReadonlySet<string>,
  hasSyntaxError: boolean,
): ProblemRow[] {
  const rows: ProblemRow[] = hasSyntaxError ? [{ kind: 'syntax' }] : [];
  for (const group of groups) {
    const shown = group.indices.filter((i) => matches[i]);
    if (shown.length === 0) continue;
    const isCollapsed = collapsed.has(group.key);
    rows.push({ kind: 'group', group, shown: shown.length, collapsed: isCollapsed });
    if (!isCollapsed) for (const index of shown) rows.push({ kind: 'error', index, groupKey: group.key });
  }
  return rows;
}

/** What F8 / Shift-F8 step through outside the editor: the parse error, then shown errors in list order. */
export function navigationOrder(groups: readonly ErrorGroup[], matches: readonly boolean[], hasSyntaxError: boolean): Selection[] {
  const order: Selection[] = hasSyntaxError ? [SYNTAX_ERROR] : [];
  for (const g of groups) for (const i of g.indices) if (matches[i]) order.push(i);
  return order;
}

/** The next (1) or previous (-1) item after `current`, wrapping around; the first (or last) if `current` is not in the list. */
export function step(order: readonly Selection[], current: Selection, direction: 1 | -1): Selection {
  if (order.length === 0) return current;
  const at = current === null ? -1 : order.indexOf(current);
  if (at === -1) return direction === 1 ? order[0]! : order[order.length - 1]!;
  return order[(at + direction + order.length) % order.length]!;
}

/** Row index of a selection, or -1 if it is not drawn (filtered out, or in a collapsed group). */
export function rowOf(rows: readonly ProblemRow[], selection: Selection): number {
  if (selection === null) return -1;
  return rows.findIndex((r) => (selection === SYNTAX_ERROR ? r.kind === 'syntax' : r.kind === 'error' && r.index === selection));
}
