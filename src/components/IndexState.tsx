/** What the index says about a channel's list: how old it is, the provider failing, the sync under way, and "Sync now". */
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { flowKeys } from '../api/flows';
import { syncChannel } from '../api/sync';
import type { ChannelInfo, FlowPage } from '../model/flow';
import { ProblemAlert } from './ProblemAlert';
import { formatCount } from '../lib/count';

/** "3 min ago", "2 h ago", "5 days ago". */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

const minutes = (seconds: number) => (seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`);

export function IndexState({ channel, index, name }: { channel: ChannelInfo; index: NonNullable<FlowPage['index']>; name: string }) {
  const queryClient = useQueryClient();
  const sync = useMutation({
    mutationFn: () => syncChannel(channel),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: flowKeys.list(channel) }),
  });
  const { running, lastError, lastSuccessAt } = index.sync;
  return (
    <div data-testid="index-state" data-channel={`${channel.accountId}/${channel.channelId}`}>
      {lastError && (
        <Alert color="orange" title={`${name}: ${channel.account.providerLabel} is not answering`} role="alert" mb="xs">
          <Text size="sm">
            {index.asOf ? `Showing the flows as of ${new Date(index.asOf).toLocaleString()} (${ago(index.asOf)}). ` : ''}
            {channel.account.providerLabel} is not answering ({lastError.message}
            {lastError.code != null ? `, code ${lastError.code}` : ''}
            {lastError.errorId ? `, error id ${lastError.errorId}` : ''}).
          </Text>
        </Alert>
      )}
      <Group gap="xs" role="status">
        {running ? (
          <>
            <Loader size="xs" aria-hidden />
            <Text size="sm">
              Syncing {name}: {running.detailsTotal > 0 ? `details for ${formatCount(running.detailsDone)} of ${formatCount(running.detailsTotal)} flows` : `${formatCount(running.listed)} flows listed`}
              {running.etaSeconds != null && running.detailsDone < running.detailsTotal ? `, about ${minutes(running.etaSeconds)} left` : ''}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {lastSuccessAt ? `${name}: last synced ${ago(lastSuccessAt)}` : `${name}: not synced yet`}
          </Text>
        )}
        <Button variant="subtle" size="compact-xs" loading={sync.isPending} disabled={Boolean(running)} onClick={() => sync.mutate()}>
          Sync now
        </Button>
      </Group>
      {sync.error && <ProblemAlert error={sync.error} title="Could not start the sync" />}
    </div>
  );
}
