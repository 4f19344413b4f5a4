import { useMemo } from 'react';
import type { ValidationError } from '../../model/flow';
import { countCodes, groupByScreen, matchErrors, navigationOrder, problemRows, screensOfErrors, type ProblemFilter } from './model/problems';

const NONE: ValidationError[] = [];

/**
 * The problems panel's model (see ./model/problems), memoized piece by piece. `screens[i]` is the
 * screen index of error i (shared with the screens view).
 */
export function useProblems(
  errors: readonly ValidationError[] | undefined,
  screenIds: readonly (string | null)[],
  filterInUrl: ProblemFilter,
  collapsed: ReadonlySet<string>,
  hasSyntaxError: boolean,
) {
  const list = errors ?? NONE;
  const screens = useMemo(() => screensOfErrors(list), [list]);
  const groups = useMemo(() => groupByScreen(list, screens, screenIds), [list, screens, screenIds]);
  const codes = useMemo(() => countCodes(list), [list]);
  // The URL state is memoised on the query (useDetailUrlState), so the codes array keeps its identity.
  const { q, codes: filterCodes } = filterInUrl;
  const filter = useMemo<ProblemFilter>(() => ({ q, codes: filterCodes }), [q, filterCodes]);
  const matches = useMemo(() => matchErrors(list, groups, filter), [list, groups, filter]);
  const rows = useMemo(() => problemRows(groups, matches, collapsed, hasSyntaxError), [groups, matches, collapsed, hasSyntaxError]);
  const order = useMemo(() => navigationOrder(groups, matches, hasSyntaxError), [groups, matches, hasSyntaxError]);
  const shownCount = useMemo(() => matches.filter(Boolean).length, [matches]);
  return { codes, filter, rows, order, shownCount, screens };
}
