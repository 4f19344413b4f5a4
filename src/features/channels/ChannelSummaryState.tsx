import { Group, Loader, Text } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ChannelLoad } from '../../hooks/useFlowRows';
import { formatCount } from '../../lib/count';

export function ChannelSummaryState({ load }: { load: ChannelLoad }) {
  if (load.error) return <ProblemAlert error={load.error} title="Could not list this channel" onRetry={load.refetch} />;
  if (!load.done) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm">Loading flows… {formatCount(load.flowsLoaded)} so far</Text>
      </Group>
    );
  }
  return <Text size="sm">{formatCount(load.flowsLoaded)} flows</Text>;
}
