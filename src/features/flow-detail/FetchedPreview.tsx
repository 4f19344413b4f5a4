import { Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { flowPreviewQueryOptions } from '../../api/flows';
import { toProblem } from '../../components/ProblemAlert';
import type { ChannelRef } from '../../model/flow';
import { ExternalLink } from './ExternalLink';

/** The preview link of providers with a separate preview call: asked for only on request. */
export function FetchedPreview({ channelRef, flowId }: { channelRef: ChannelRef; flowId: string }) {
  const [wanted, setWanted] = useState(false);
  const preview = useQuery({ ...flowPreviewQueryOptions(channelRef, flowId), enabled: wanted });
  if (!wanted) {
    return (
      <Button size="compact-xs" variant="light" onClick={() => setWanted(true)}>
        Get preview link
      </Button>
    );
  }
  if (preview.data) {
    return (
      <>
        <ExternalLink href={preview.data.url}>Open preview</ExternalLink>
        {preview.data.expiresAt && (
          <Text span size="xs" c="dimmed">
            {' '}
            (expires {preview.data.expiresAt})
          </Text>
        )}
      </>
    );
  }
  if (preview.error) {
    return (
      <Text span size="sm" c="red" role="alert">
        {toProblem(preview.error).message}{' '}
        <Button size="compact-xs" variant="subtle" onClick={() => void preview.refetch()}>
          Retry
        </Button>
      </Text>
    );
  }
  return (
    <Text span size="sm" c="dimmed" role="status">
      Asking for a preview link…
    </Text>
  );
}
