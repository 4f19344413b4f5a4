/** The top of the detail page: header with the copy actions, loading state, verdict, facts and health. */
import { Alert, SimpleGrid, Text } from '@mantine/core';
import { memo } from 'react';
import { ProblemAlert, toProblem } from '../../components/ProblemAlert';
import { CopyButton } from './CopyButtons';
import { FlowFacts } from './FlowFacts';
import { FlowHeader } from './FlowHeader';
import { HealthPanel } from './HealthPanel';
import { Waiting } from './JsonPanel';
import type { FlowDetailModel } from './useFlowDetailModel';
import { VerdictPanel } from './VerdictPanel';

/** Drawn again only when what it shows changes (`overview` is memoised), not for the page's other changes. */
export const FlowOverview = memo(function FlowOverview({ overview }: { overview: FlowDetailModel['overview'] }) {
  const { loading, flow, errors, verdict, staleSelection, channel, providerLabel, previewTarget } = overview;
  return (
    <>
      <FlowHeader
        channelRef={overview.channelRef}
        flowId={overview.flowId}
        flow={flow}
        providerLabel={providerLabel}
        channelLabel={channel?.label ?? null}
        actions={
          <>
            <CopyButton label="Copy link" title="Link to this view" make={() => window.location.href} />
            <CopyButton label="Copy for ticket" title="Summary for a ticket" make={overview.copyTicket} />
          </>
        }
      />
      {loading.pending && (
        <Waiting>
          {loading.failureCount > 0
            ? `Loading the flow details from ${providerLabel}: the first attempt failed (${toProblem(loading.failureReason).message}); trying again…`
            : `Loading the flow details from ${providerLabel}…`}
        </Waiting>
      )}
      {loading.error && <ProblemAlert error={loading.error} title="Could not load the flow details" onRetry={() => void loading.retry()} />}
      {verdict && <VerdictPanel verdict={verdict} />}
      {flow &&
        (flow.health ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <FlowFacts flow={flow} providerLabel={providerLabel} providerHasHealth />
            <HealthPanel health={flow.health} providerLabel={providerLabel} />
          </SimpleGrid>
        ) : (
          <FlowFacts
            flow={flow}
            providerLabel={providerLabel}
            providerHasHealth={channel?.account.capabilities.health ?? false}
            previewCall={channel?.account.capabilities.previewCall ? previewTarget : undefined}
          />
        ))}
      {staleSelection !== null && errors && (
        <Alert color="yellow" title="The selected error is not in this flow any more" role="status">
          <Text size="sm">
            The link selects error #{staleSelection + 1}, but the flow now has {errors.length} validation
            {errors.length === 1 ? ' error' : ' errors'}: it was probably changed since the link was shared.
          </Text>
        </Alert>
      )}
    </>
  );
});
