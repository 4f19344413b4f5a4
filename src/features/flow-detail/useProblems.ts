import { useMemo } from 'react';
import type { ValidationError } from '../../model/flow';
import { countCodes, groupByScreen, matchErrors, navigationOrder, problemRows, type ProblemFilter } from './model/problems';

const NONE: ValidationError[] = [];
const NO_IDS: (string | null)[] = [];

/**
 * The problems panel's model (see ./model/problems), memoized piece by piece. `screens[i]` is the
 * screen index of error i (shared with the screens view). The screen ids matter only to a text
 * filter (groups are labelled when drawn), so their arrival with the JSON changes nothing else.
 * `errors` is the list these rows are of (undefined until it is listed).
 */
export function useProblems(
  errors: readonly ValidationError[] | undefined,
  screens: readonly (number | null)[],
  screenIds: readonly (string | null)[],
  filterInUrl: ProblemFilter,
  collapsed: ReadonlySet<string>,
  hasSyntaxError: boolean,
) {
  const list = errors ?? NONE;
  const groups = useMemo(() => groupByScreen(list, screens), [list, screens]);
  const codes = useMemo(() => countCodes(list), [list]);
  // The URL state is memoised on the query (useDetailUrlState), so the codes array keeps its identity.
  const { q, codes: filterCodes } = filterInUrl;
  const filter = useMemo<ProblemFilter>(() => ({ q, codes: filterCodes }), [q, filterCodes]);
  const idsForFilter = q.trim() === '' ? NO_IDS : screenIds;
  const matches = useMemo(() => matchErrors(list, groups, filter, idsForFilter), [list, groups, filter, idsForFilter]);
  const rows = useMemo(() => problemRows(groups, matches, collapsed, hasSyntaxError), [groups, matches, collapsed, hasSyntaxError]);
  const order = useMemo(() => navigationOrder(groups, matches, hasSyntaxError), [groups, matches, hasSyntaxError]);
  const shownCount = useMemo(() => matches.filter(Boolean).length, [matches]);
  // One object while its parts stay the same: the screen ids (which only a text filter uses) are
  // not part of it, so their arrival with the JSON leaves the list as it is.
  return useMemo(() => ({ errors, codes, filter, rows, order, shownCount, screens }), [errors, codes, filter, rows, order, shownCount, screens]);
}
