import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { useParams } from 'react-router';
import { channelsQueryOptions, resolveChannel } from '../../api/channels';
import { FlowSummaryChart } from '../../components/FlowSummaryChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../config/paths';
import { filterRows, searchFromView, sortRows, type SortColumn } from '../../lib/flow-table/filters';
import { countFlows } from '../../lib/flow-table/summary';
import type { ChannelInfo } from '../../model/flow';
import { ChannelLoads } from './ChannelLoads';
import { downloadCsv } from './exportCsv';
import { FlowTable } from './FlowTable';
import { ListFilters } from './ListFilters';
import { useFlowRows } from '../../hooks/useFlowRows';
import { useListView } from './useListView';

const NO_CHANNELS: ChannelInfo[] = [];

function useRouteChannels() {
  const params = useParams();
  const channels = useQuery(channelsQueryOptions());
  const selected = useMemo(() => {
    if (!channels.data) return undefined;
    if (!params.provider) return channels.data;
    const one = resolveChannel(channels.data, { provider: params.provider, accountId: params.accountId!, channelId: params.channelId! });
    return one ? [one] : null;
  }, [channels.data, params.provider, params.accountId, params.channelId]);
  return { channels, selected, single: Boolean(params.provider) };
}

export function FlowListPage() {
  const { channels, selected, single } = useRouteChannels();
  const [view, setView] = useListView();
  const { rows, loads } = useFlowRows(selected ?? NO_CHANNELS);

  const sorted = useMemo(() => sortRows(rows, view.sort, view.dir), [rows, view.sort, view.dir]);
  // Typing stays responsive on 100,000 rows: the table catches up with the search box.
  const deferredView = useDeferredValue(view);
  const visible = useMemo(() => filterRows(sorted, deferredView), [sorted, deferredView]);
  const counts = useMemo(() => countFlows(rows), [rows]);
  const seen = useMemo(() => ({ statuses: new Set(rows.map((r) => r.status)), categories: new Set(rows.flatMap((r) => r.categories ?? [])) }), [rows]);

  if (channels.error) return <ProblemAlert error={channels.error} onRetry={() => void channels.refetch()} />;
  if (selected === undefined) return <Text c="dimmed">Loading channels…</Text>;
  if (selected === null) {
    return (
      <Alert color="red" title="Unknown provider" role="alert">
        This address names a provider Flow Desk does not have. Check the link.
      </Alert>
    );
  }
  const channel = single ? selected[0] : undefined;
  const base = (query: URLSearchParams) => (channel ? paths.channelFlows.getHref(channel, query) : paths.allFlows.getHref(query));
  const hrefFor = (param: string, value: string) => base(new URLSearchParams({ [param]: value }));
  const showHealth = selected.some((c) => c.capabilities.health);
  const needsDetails = selected.some((c) => !c.capabilities.listCarriesDetails);
  const allDone = loads.every((l) => l.done);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2}>{channel ? `${channel.providerLabel} · ${channel.label ?? channel.channelId}` : 'All flows'}</Title>
          <Text size="sm" c="dimmed">
            {channel
              ? `${channel.accountLabel} ${channel.accountId} · ${channel.channelLabel} ${channel.channelId}`
              : `${selected.length} channel${selected.length === 1 ? '' : 's'} across ${new Set(selected.map((c) => c.provider)).size} providers`}
          </Text>
        </Stack>
        <Button variant="default" onClick={() => downloadCsv(visible, `flows-${channel?.channelId ?? 'all'}.csv`)} disabled={visible.length === 0}>
          Export CSV ({visible.length.toLocaleString()})
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="sm">
          <FlowSummaryChart counts={counts} hrefFor={hrefFor} showHealth={showHealth} />
        </Paper>
        {needsDetails && (
          <Text size="sm" c="dimmed">
            8x8 lists only id, name and status: categories, errors and health are fetched for the rows on screen, paced to stay
            within 8x8’s 100 requests per minute. Filters on those fields apply to the flows whose details have loaded.
          </Text>
        )}
      </SimpleGrid>

      <ChannelLoads loads={loads} />
      <ListFilters view={view} onChange={setView} seenStatuses={seen.statuses} seenCategories={seen.categories} showHealth={showHealth} />
      <Text size="sm" role="status" data-testid="flow-count">
        Showing {visible.length.toLocaleString()} of {rows.length.toLocaleString()} flows{allDone ? '' : ' loaded so far'}
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
