/** What the comparison's views share: their props, and how they say a version could not be compared. */
import { Alert } from '@mantine/core';
import type { ChannelRef } from '../../../model/flow';
import type { JsonVersion } from '../../../model/history';
import type { Comparison, DiffLayout } from '../model';

export interface DiffPanelProps {
  channelRef: ChannelRef;
  flowId: string;
  comparison: Comparison;
  versions: readonly JsonVersion[];
  layout: DiffLayout;
}

export const LoadError = ({ message }: { message: string }) => (
  <Alert color="red" title="Could not compare the stored versions of the flow JSON">
    {message}
  </Alert>
);
