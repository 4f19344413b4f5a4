/** Per channel: loading progress while pages arrive, or what failed, with the other channels still listed. */
import { Group, Loader, Stack, Text } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert';
import { IndexState } from '../../components/IndexState';
import { RetryNotice } from '../../components/RetryNotice';
import type { ChannelLoad } from '../../hooks/useFlowRows';
import { formatCount } from '../../lib/count';

const name = (load: ChannelLoad) => `${load.channel.account.name} · ${load.channel.label ?? load.channel.channelId}`;

export function ChannelLoads({ loads }: { loads: ChannelLoad[] }) {
  const loading = loads.filter((l) => !l.done && !l.error);
  const failed = loads.filter((l) => l.error);
  // From the index: show every channel's sync on a single channel's page, and only what needs attention on the all-flows page.
  const indexed = loads.filter((l) => l.index && (loads.length === 1 || l.index.sync.lastError || l.index.sync.running));
  if (loading.length === 0 && failed.length === 0 && indexed.length === 0) return null;
  return (
    <Stack gap="xs">
      {indexed.map((l) => (
        <IndexState key={`index:${l.channel.accountId}:${l.channel.channelId}`} channel={l.channel} index={l.index!} name={name(l)} />
      ))}
      {loading.map((l) =>
        l.retrying ? (
          <RetryNotice key={`${l.channel.accountId}:${l.channel.channelId}`} what={`Listing ${name(l)}`} reason={l.retrying.reason} failures={l.retrying.failures} />
        ) : (
          <Group key={`${l.channel.accountId}:${l.channel.channelId}`} gap="xs" role="status" data-testid="list-progress">
            <Loader size="xs" aria-hidden />
            <Text size="sm">
              Loading flows from {name(l)}… {formatCount(l.flowsLoaded)} so far
              {l.pagesLoaded > 0 ? ` (${l.pagesLoaded} page${l.pagesLoaded > 1 ? 's' : ''})` : ''}
            </Text>
          </Group>
        ),
      )}
      {failed.map((l) => (
        <ProblemAlert
          key={`${l.channel.accountId}:${l.channel.channelId}`}
          error={l.error}
          title={`Could not list ${name(l)}${l.flowsLoaded ? ` (stopped after ${formatCount(l.flowsLoaded)} flows)` : ''}`}
          onRetry={l.refetch}
        />
      ))}
    </Stack>
  );
}
