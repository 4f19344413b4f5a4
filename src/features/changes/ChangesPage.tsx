/**
 * Every recorded change across the fleet in a time range, filtered in the URL
 * (`/changes?since=24h&kind=status&toStatus=BLOCKED`), with counts per day.
 */
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { changeFeedQueryOptions } from '../../api/history';
import { paths } from '../../config/paths';
import { CHANGE_KINDS, type HistoryEntry } from '../../model/history';
import { DayChart } from './DayChart';
import { feedQuery, readChangesUrl, SINCE, withChangesUrl, type ChangesUrlState } from './model';

const PAGE = 100;

const entryHref = (e: HistoryEntry) =>
  paths.flow.getHref({ accountId: e.accountId, channelId: e.channelId }, e.flowId, new URLSearchParams({ view: 'history', entry: e.id }));

export function ChangesPage() {
  useDocumentTitle('Changes · Flow Desk');
  const [params, setParams] = useSearchParams();
  const state = readChangesUrl(params);
  const [now] = useState(() => Date.now());
  const feed = useQuery(changeFeedQueryOptions(feedQuery(state, now)));
  const set = (patch: Partial<ChangesUrlState>) => setParams((current) => withChangesUrl(current, patch), { replace: true });

  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Changes
      </Title>
      <Group gap="sm" align="end">
        <Select
          label="Time range"
          value={state.since}
          onChange={(v) => set({ since: (v ?? '7d') as ChangesUrlState['since'] })}
          data={Object.keys(SINCE).map((k) => ({ value: k, label: `Last ${k}` }))}
          allowDeselect={false}
          w={130}
        />
        <Select
          label="Kind of change"
          value={state.kind || null}
          onChange={(v) => set({ kind: (v ?? '') as ChangesUrlState['kind'] })}
          data={CHANGE_KINDS.map((k) => ({ value: k, label: k.replace(/_/g, ' ') }))}
          clearable
          w={180}
        />
        <TextInput label="To status" value={state.toStatus} onChange={(e) => set({ toStatus: e.currentTarget.value.toUpperCase() })} w={140} />
        <TextInput label="To health" value={state.toHealth} onChange={(e) => set({ toHealth: e.currentTarget.value.toUpperCase() })} w={140} />
        <TextInput label="Provider" value={state.provider} onChange={(e) => set({ provider: e.currentTarget.value })} w={130} />
        <TextInput label="Account" value={state.account} onChange={(e) => set({ account: e.currentTarget.value })} w={130} />
      </Group>
      {feed.error && (
        <Alert color="red" title="Could not load the changes">
          {feed.error.message}
        </Alert>
      )}
      {feed.isPending && <Text size="sm">Loading the changes…</Text>}
      {feed.data && (
        <>
          <DayChart perDay={feed.data.perDay} />
          <Text size="sm" role="status">
            {feed.data.total} {feed.data.total === 1 ? 'change' : 'changes'}
            {feed.data.total > PAGE ? `, showing ${state.offset + 1}–${Math.min(state.offset + PAGE, feed.data.total)}` : ''}
          </Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When (UTC)</Table.Th>
                <Table.Th>Flow</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {feed.data.entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={entryHref(e)}>
                      {e.flowName || e.flowId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{e.accountId}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm">
                      {e.kind.replace(/_/g, ' ')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.kind === 'json' ? e.from?.slice(0, 10) : e.from}</Table.Td>
                  <Table.Td>{e.kind === 'json' ? e.to?.slice(0, 10) : e.to}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="default" size="xs" disabled={state.offset === 0} onClick={() => set({ offset: Math.max(0, state.offset - PAGE) })}>
              Newer
            </Button>
            <Button variant="default" size="xs" disabled={state.offset + PAGE >= feed.data.total} onClick={() => set({ offset: state.offset + PAGE })}>
              Older
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
