/** Providers and their channels, each with a summary of its flows that links into the filtered list. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { channelsQueryOptions } from '../../api/channels';
import { FlowSummaryChart } from '../../components/FlowSummaryChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../config/paths';
import { countFlows } from '../../lib/flow-table/summary';
import type { ChannelInfo } from '../../model/flow';
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
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={paths.channelFlows.getHref(channel)} fw={600}>
            {channel.label ?? channel.channelId}
          </Anchor>
          {channel.simulated && (
            <Badge color="yellow" variant="light" size="sm">
              demo
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" ff="monospace">
          {channel.accountLabel} {channel.accountId} · {channel.channelLabel} {channel.channelId}
        </Text>
        <ChannelSummaryState load={load} />
        {rows.length > 0 && (
          <FlowSummaryChart counts={counts} showHealth={channel.capabilities.health} hrefFor={(param, value) => paths.channelFlows.getHref(channel, new URLSearchParams({ [param]: value }))} />
        )}
        {!channel.capabilities.health && (
          <Text size="xs" c="dimmed">
            {channel.providerLabel} does not expose flow health.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function ChannelsPage() {
  const channels = useQuery(channelsQueryOptions());
  if (channels.error) return <ProblemAlert error={channels.error} onRetry={() => void channels.refetch()} />;
  if (!channels.data) return <Text c="dimmed">Loading channels…</Text>;
  const providers = [...new Set(channels.data.map((c) => c.providerLabel))];
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={2}>Channels</Title>
        <Text c="dimmed" size="sm">
          WhatsApp Flows by provider and account. Open a channel to search its flows, or press Ctrl+K to go to a flow by id.
        </Text>
      </Stack>
      {channels.data.length === 0 && <Text>No provider accounts are configured. Set the variables in .env.example and restart Flow Desk.</Text>}
      {providers.map((provider) => (
        <Stack key={provider} gap="sm">
          <Title order={3} size="h4">
            {provider}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {channels.data
              .filter((c) => c.providerLabel === provider)
              .map((c) => (
                <ChannelCard key={`${c.provider}:${c.accountId}:${c.channelId}`} channel={c} />
              ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
