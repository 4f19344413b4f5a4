import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { useParams } from 'react-router';
import { accountsQueryOptions, channelsOf, resolveChannel } from '../../api/accounts';
import { FlowSummaryChart } from '../../components/FlowSummaryChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../config/paths';
import { filterRows, searchFromView, sortRows, type SortColumn } from '../../lib/flow-table/filters';
import { countFlows } from '../../lib/flow-table/summary';
import type { ChannelInfo } from '../../model/flow';
import { ChannelLoads } from './ChannelLoads';
import { downloadCsv } from './exportCsv';
import { FlowTable } from '../../components/flow-table/FlowTable';
import { ListFilters } from './ListFilters';
import { useFlowRows } from '../../hooks/useFlowRows';
import { useListView } from './useListView';
import { formatCount } from '../../lib/count';

const NO_CHANNELS: ChannelInfo[] = [];

function useRouteChannels() {
  const params = useParams();
  const accounts = useQuery(accountsQueryOptions());
  const selected = useMemo(() => {
    if (!accounts.data) return undefined;
    if (!params.accountId) return channelsOf(accounts.data);
    const one = resolveChannel(accounts.data, { accountId: params.accountId, channelId: params.channelId! });
    return one ? [one] : null;
  }, [accounts.data, params.accountId, params.channelId]);
  return { accounts, selected, single: Boolean(params.accountId) };
}

export function FlowListPage() {
  const { accounts, selected, single } = useRouteChannels();
  const [view, setView] = useListView();
  const { rows, loads } = useFlowRows(selected ?? NO_CHANNELS);

  const sorted = useMemo(() => sortRows(rows, view.sort, view.dir), [rows, view.sort, view.dir]);
  // Typing stays responsive on 100,000 rows: the table catches up with the search box.
  const deferredView = useDeferredValue(view);
  const visible = useMemo(() => filterRows(sorted, deferredView), [sorted, deferredView]);
  const counts = useMemo(() => countFlows(rows), [rows]);
  const seen = useMemo(() => ({ statuses: new Set(rows.map((r) => r.status)), categories: new Set(rows.flatMap((r) => r.categories ?? [])) }), [rows]);

  if (accounts.error) return <ProblemAlert error={accounts.error} onRetry={() => void accounts.refetch()} />;
  if (selected === undefined) return <Text c="dimmed">Loading channels…</Text>;
  if (selected === null) {
    return (
      <Alert color="red" title="Unknown account" role="alert">
        This address names an account Flow Desk does not have. Check the link, or ask whoever runs Flow Desk whether the account was renamed.
      </Alert>
    );
  }
  const channel = single ? selected[0] : undefined;
  const base = (query: URLSearchParams) => (channel ? paths.channelFlows.getHref(channel, query) : paths.allFlows.getHref(query));
  const hrefFor = (param: string, value: string) => base(new URLSearchParams({ [param]: value }));
  const showHealth = selected.some((c) => c.account.capabilities.health);
  // What the list's providers say about fields their lists lack (one sentence per provider).
  // Channels listed from the index have every detail already: the notes are for live lists only.
  const live = new Set(loads.filter((l) => !l.index?.asOf).map((l) => `${l.channel.accountId}/${l.channel.channelId}`));
  const listNotes = [...new Set(selected.filter((c) => live.has(`${c.accountId}/${c.channelId}`)).map((c) => c.account.wording.listNote).filter((n): n is string => n !== null))];
  const allDone = loads.every((l) => l.done);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2}>{channel ? `${channel.account.name} · ${channel.label ?? channel.channelId}` : 'All flows'}</Title>
          <Text size="sm" c="dimmed">
            {channel
              ? `${channel.account.providerLabel}${channel.account.providerAccountId ? ` · ${channel.account.accountLabel} ${channel.account.providerAccountId}` : ''} · ${channel.account.channelLabel} ${channel.channelId}`
              : `${selected.length} channel${selected.length === 1 ? '' : 's'} in ${new Set(selected.map((c) => c.accountId)).size} accounts across ${new Set(selected.map((c) => c.account.provider)).size} providers`}
          </Text>
        </Stack>
        <Button variant="default" onClick={() => downloadCsv(visible, `flows-${channel?.channelId ?? 'all'}.csv`)} disabled={visible.length === 0}>
          Export CSV ({formatCount(visible.length)})
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="sm">
          <FlowSummaryChart counts={counts} hrefFor={hrefFor} showHealth={showHealth} />
        </Paper>
        {listNotes.length > 0 && (
          <Stack gap={4}>
            {listNotes.map((note) => (
              <Text key={note} size="sm" c="dimmed">
                {note}
              </Text>
            ))}
          </Stack>
        )}
      </SimpleGrid>

      <ChannelLoads loads={loads} />
      <ListFilters view={view} onChange={setView} seenStatuses={seen.statuses} seenCategories={seen.categories} showHealth={showHealth} />
      <Text size="sm" role="status" data-testid="flow-count">
        Showing {formatCount(visible.length)} of {formatCount(rows.length)} flows{allDone ? '' : ' loaded so far'}
      </Text>

      {rows.length === 0 && allDone ? (
        <Alert color="gray" title="No flows">
          {loads.some((l) => l.error) ? 'No channel could be listed; see the errors above.' : 'This channel has no WhatsApp Flows yet.'}
        </Alert>
      ) : visible.length === 0 && rows.length > 0 ? (
        <Alert color="gray" title="No flows match">
          No flow matches these filters.{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => setView({ q: '', status: [], category: [], health: [], errors: null })}>
            Clear filters
          </Button>
        </Alert>
      ) : (
        <FlowTable
          rows={visible}
          view={view}
          showChannel={!single}
          onSort={(column: SortColumn) => setView({ sort: column, dir: view.sort === column && view.dir === 'asc' ? 'desc' : 'asc' })}
        />
      )}
      <Text size="xs" c="dimmed">
        Link to this view: <code>{base(searchFromView(view))}</code>
      </Text>
    </Stack>
  );
}
