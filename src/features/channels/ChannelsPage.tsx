/** The start page: accounts grouped by provider, each with its channels and a summary of their flows that links into the filtered list. */
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { accountsQueryOptions, channelsOf } from '../../api/accounts';
import { FlowSummaryChart } from '../../components/FlowSummaryChart';
import { IndexState } from '../../components/IndexState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../config/paths';
import { countFlows } from '../../lib/flow-table/summary';
import type { AccountInfo, ChannelInfo } from '../../model/flow';
import { useFlowRows } from '../../hooks/useFlowRows';
import { ChannelSummaryState } from './ChannelSummaryState';

function ChannelCard({ channel }: { channel: ChannelInfo }) {
  const one = useMemo(() => [channel], [channel]);
  const { rows, loads } = useFlowRows(one);
  const load = loads[0]!;
  const counts = useMemo(() => countFlows(rows), [rows]);
  return (
    <Card withBorder padding="md" data-testid="channel-card">
      <Stack gap="sm">
        <Anchor component={Link} to={paths.channelFlows.getHref(channel)} fw={600}>
          {channel.label ?? channel.channelId}
        </Anchor>
        <Text size="xs" c="dimmed" ff="monospace">
          {channel.account.channelLabel} {channel.channelId}
        </Text>
        <ChannelSummaryState load={load} />
        {load.index && <IndexState channel={channel} index={load.index} name={channel.label ?? channel.channelId} />}
        {rows.length > 0 && (
          <FlowSummaryChart
            counts={counts}
            showHealth={channel.account.capabilities.health}
            hrefFor={(param, value) => paths.channelFlows.getHref(channel, new URLSearchParams({ [param]: value }))}
          />
        )}
      </Stack>
    </Card>
  );
}

function AccountSection({ account }: { account: AccountInfo }) {
  const channels = useMemo(() => channelsOf([account]), [account]);
  return (
    <Stack gap="xs" data-testid="account" data-account-id={account.id}>
      <Group gap="sm" align="baseline">
        <Title order={4} size="h5">
          {account.name}
        </Title>
        <Text size="xs" c="dimmed" ff="monospace">
          {account.id}
          {account.providerAccountId ? ` · ${account.accountLabel} ${account.providerAccountId}` : ''}
        </Text>
        {account.simulated ? (
          <Badge color="yellow" variant="light" size="sm" title="No credentials configured: this account's flows come from the built-in simulator.">
            demo
          </Badge>
        ) : (
          <Badge color="teal" variant="light" size="sm" title={`Flow Desk calls ${account.providerLabel} with this account's credentials.`}>
            live
          </Badge>
        )}
      </Group>
      {account.wording.notExposed.map((sentence) => (
        <Text key={sentence} size="xs" c="dimmed">
          {sentence}
        </Text>
      ))}
      {account.problem && <ProblemAlert error={account.problem} title="Could not list this account's channels" />}
      {channels.length === 0 && !account.problem && <Text size="sm">This account has no channels.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {channels.map((c) => (
          <ChannelCard key={`${c.accountId}:${c.channelId}`} channel={c} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function ChannelsPage() {
  const accounts = useQuery(accountsQueryOptions());
  if (accounts.error) return <ProblemAlert error={accounts.error} onRetry={() => void accounts.refetch()} />;
  if (!accounts.data) return <Text c="dimmed">Loading accounts…</Text>;
  const providers = [...new Set(accounts.data.map((a) => a.providerLabel))];
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={2}>Accounts</Title>
        <Text c="dimmed" size="sm">
          WhatsApp Flows by provider and account. Open a channel to search its flows, or press Ctrl+K to go to a flow by id.
        </Text>
      </Stack>
      {accounts.data.length === 0 && (
        <Alert color="gray" title="No accounts configured">
          Describe the accounts in the file FLOWDESK_CONFIG names (see .env.example and the README) and restart Flow Desk.
        </Alert>
      )}
      {providers.map((provider) => (
        <Stack key={provider} gap="md" component="section" aria-label={provider}>
          <Title order={3} size="h4">
            {provider}
          </Title>
          {accounts.data
            .filter((a) => a.providerLabel === provider)
            .map((a) => (
              <AccountSection key={a.id} account={a} />
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
