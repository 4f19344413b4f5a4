/**
 * Fleet search: one query across every provider, account and channel, answered from the server's
 * flow index (complete for every channel once it has synced), with counts per facet. Every result
 * links to its flow; the query is the URL.
 */
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo, useCallback, useMemo, useState } from 'react';
import { accountsQueryOptions, resolveChannel } from '../../api/accounts';
import { searchQueryOptions } from '../../api/search';
import { ErrorsFilter } from '../../components/ErrorsFilter';
import { FilterChips } from '../../components/FilterChips';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSharedWithLast } from '../../components/useSharedWithLast';
import type { SortColumn } from '../../lib/flow-table/filters';
import { toRow, type FlowRow } from '../../lib/flow-table/rows';
import type { AccountInfo } from '../../model/flow';
import { EMPTY_SEARCH, SEARCH_PAGE_SIZE, type SearchFacet, type SearchQuery, type SearchRow, type SearchSort } from '../../model/search';
import { FlowTable } from '../../components/flow-table/FlowTable';
import { useSearchView } from './useSearchView';
import { formatCount } from '../../lib/count';

const FACET_LABELS: Record<SearchFacet, string> = {
  provider: 'Provider',
  account: 'Account',
  status: 'Status',
  category: 'Category',
  health: 'Health',
  code: 'Error code',
  jsonVersion: 'JSON version',
};
/** The table's columns the index can sort by, and its sort for each. */
const SORT_OF: Partial<Record<SortColumn, SearchSort>> = { name: 'name', status: 'status', errors: 'errors', channel: 'account' };

const NO_VALUES: { value: string; count: number }[] = [];

const sameChips = <P extends { facet: SearchFacet; values: unknown; selected: string[]; onChange: unknown }>(a: P, b: P) =>
  a.facet === b.facet && a.values === b.values && a.onChange === b.onChange && a.selected.join('\u0000') === b.selected.join('\u0000');

/** One facet's values with their counts (memoized: a keystroke re-renders only the facets whose counts changed). */
const FacetChips = memo(function FacetChips({ facet, values, selected, onChange }: { facet: SearchFacet; values: { value: string; count: number }[]; selected: string[]; onChange: (facet: SearchFacet, v: string[]) => void }) {
  // Selected values stay visible even when the other filters leave none of them.
  const shown = [...values, ...selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, count: 0 }))];
  if (shown.length === 0) return null;
  return (
    <FilterChips
      label={`${FACET_LABELS[facet]} filter`}
      title={FACET_LABELS[facet]}
      titleWidth={96}
      options={shown.map(({ value, count }) => ({ value, text: `${value} (${formatCount(count)})` }))}
      selected={selected}
      onChange={(v) => onChange(facet, v)}
      dataName={facet}
    />
  );
}, sameChips);

/** The page's title and what it searches (drawn once). */
const SearchIntro = memo(function SearchIntro() {
  return (
    <Stack gap={2}>
      <Title order={2}>Search every flow</Title>
      <Text size="sm" c="dimmed">
        Across every provider, account and channel, from Flow Desk’s index of the last sync. Free text matches a flow’s name and id, and its validation errors’ codes and messages.
      </Text>
    </Stack>
  );
});

/**
 * The search box, the errors filter and "Clear filters". The box's text is its own state (`q`:
 * the text it starts with), so a keystroke draws this part at once and the rest of the page only
 * as the URL and results change.
 */
const SearchControls = memo(function SearchControls({ q, errors, filtered, update }: { q: string; errors: SearchQuery['errors']; filtered: boolean; update: (change: Partial<SearchQuery>) => void }) {
  const [text, setText] = useState(q);
  const onErrors = useCallback((errors: SearchQuery['errors']) => update({ errors }), [update]);
  return (
    <Group align="end" gap="sm">
      <TextInput
        label="Search"
        placeholder="Name, flow id, error code or message"
        value={text}
        onChange={(e) => {
          // Every keystroke searches (the server answers from memory); the answer to an older
          // keystroke still on its way is cancelled, and the last results stay until the new ones come.
          setText(e.currentTarget.value);
          update({ q: e.currentTarget.value });
        }}
        w={360}
        data-testid="fleet-search"
      />
      <ErrorsFilter value={errors} onChange={onErrors} />
      {filtered && (
        <Button
          variant="subtle"
          onClick={() => {
            setText('');
            update({ ...EMPTY_SEARCH });
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
});

/** "Showing 1–200 of 1,234 flows" and the paging buttons. */
const ResultsLine = memo(function ResultsLine({ total, offset, updating, update }: { total: number; offset: number; updating: boolean; update: (change: Partial<SearchQuery>) => void }) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + SEARCH_PAGE_SIZE);
  return (
    <Group justify="space-between">
      <Text size="sm" role="status" data-testid="search-count">
        {total === 0 ? 'No flow matches.' : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} flows`}
        {updating ? ' (updating…)' : ''}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={offset === 0} onClick={() => update({ offset: Math.max(0, offset - SEARCH_PAGE_SIZE) })}>
          Previous {SEARCH_PAGE_SIZE}
        </Button>
        <Button variant="default" size="xs" disabled={last >= total} onClick={() => update({ offset: offset + SEARCH_PAGE_SIZE })}>
          Next {SEARCH_PAGE_SIZE}
        </Button>
      </Group>
    </Group>
  );
});

/**
 * Table rows for result rows, one per result row object: a result row kept from the last answer
 * (see useSharedWithLast) keeps its table row, which the table then does not draw again.
 */
function tableRows(accounts: readonly AccountInfo[]) {
  const made = new WeakMap<SearchRow, FlowRow | null>();
  return (results: readonly SearchRow[]): FlowRow[] =>
    results.flatMap((r) => {
      let row = made.get(r);
      if (row === undefined) {
        const channel = resolveChannel(accounts, { accountId: r.accountId, channelId: r.channelId });
        row = channel ? toRow(channel, r.flow, undefined) : null;
        made.set(r, row);
      }
      return row ? [row] : [];
    });
}

export function SearchPage() {
  const [query, update] = useSearchView();
  const accounts = useQuery(accountsQueryOptions());
  const result = useQuery(searchQueryOptions(query));

  // Parts equal to the last answer's stay the same objects: typing on often gives the same rows
  // and counts, and then neither the table nor those facets are drawn again.
  const data = useSharedWithLast(result.data);
  const toTableRows = useMemo(() => tableRows(accounts.data ?? []), [accounts.data]);
  const rows = useMemo(() => (data && accounts.data ? toTableRows(data.rows) : []), [data, accounts.data, toTableRows]);

  // Stable between keystrokes, so the table re-renders only when its rows or sort change.
  const view = useMemo(() => ({ sort: (Object.entries(SORT_OF).find(([, s]) => s === query.sort)?.[0] ?? 'name') as SortColumn, dir: query.dir }), [query.sort, query.dir]);
  const onSort = useCallback(
    (column: SortColumn) => {
      const sort = SORT_OF[column] ?? 'name';
      update({ sort, dir: query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc' });
    },
    [update, query.sort, query.dir],
  );
  const onFacet = useCallback((facet: SearchFacet, values: string[]) => update({ [facet]: values } as Partial<SearchQuery>), [update]);
  const filtered = JSON.stringify({ ...query, offset: 0, sort: 'name', dir: 'asc' }) !== JSON.stringify({ ...EMPTY_SEARCH });
  const total = data?.total ?? 0;

  return (
    <Stack gap="md">
      <SearchIntro />
      <SearchControls q={query.q} errors={query.errors} filtered={filtered} update={update} />
      {(Object.keys(FACET_LABELS) as SearchFacet[]).map((facet) => (
        <FacetChips
          key={facet}
          facet={facet}
          values={data?.facets[facet] ?? NO_VALUES}
          selected={query[facet]}
          onChange={onFacet}
        />
      ))}
      {result.error ? (
        <ProblemAlert error={result.error} title="The flow index is not answering" onRetry={() => void result.refetch()} />
      ) : !data ? (
        <Text c="dimmed" role="status">
          Searching…
        </Text>
      ) : (
        <>
          <ResultsLine total={total} offset={query.offset} updating={result.isFetching} update={update} />
          {total === 0 ? (
            <Alert color="gray" title="No flows match">
              Nothing in the index matches this search. A channel that has not synced yet is not searched: see its sync state on the Accounts page.
            </Alert>
          ) : (
            <FlowTable rows={rows} view={view} onSort={onSort} showChannel />
          )}
        </>
      )}
    </Stack>
  );
}
