/** The top of the detail page: header with the copy actions, loading state, verdict, facts and health. */
import { Alert, SimpleGrid, Text } from '@mantine/core';
import { ProblemAlert, toProblem } from '../../components/ProblemAlert';
import { CopyButton } from './CopyButtons';
import { FlowFacts } from './FlowFacts';
import { FlowHeader } from './FlowHeader';
import { HealthPanel } from './HealthPanel';
import { Waiting } from './JsonPanel';
import type { FlowDetailModel } from './useFlowDetailModel';
import { VerdictPanel } from './VerdictPanel';

export function FlowOverview({ model }: { model: FlowDetailModel }) {
  const { detail, flow, errors, verdict, selection } = model;
  const { channel, providerLabel, previewTarget } = model.source;
  return (
    <>
      <FlowHeader
        channelRef={model.channelRef}
        flowId={model.flowId}
        flow={flow}
        providerLabel={providerLabel}
        channelLabel={channel?.label ?? null}
        actions={
          <>
            <CopyButton label="Copy link" title="Link to this view" make={() => window.location.href} />
            <CopyButton label="Copy for ticket" title="Summary for a ticket" make={model.copyTicket} />
          </>
        }
      />
      {detail.isPending && (
        <Waiting>
          {detail.failureCount > 0
            ? `Loading the flow details from ${providerLabel}: the first attempt failed (${toProblem(detail.failureReason).message}); trying again…`
            : `Loading the flow details from ${providerLabel}…`}
        </Waiting>
      )}
      {detail.error && <ProblemAlert error={detail.error} title="Could not load the flow details" onRetry={() => void detail.refetch()} />}
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
      {selection.stale && errors && (
        <Alert color="yellow" title="The selected error is not in this flow any more" role="status">
          <Text size="sm">
            The link selects error #{(selection.current as number) + 1}, but the flow now has {errors.length} validation
            {errors.length === 1 ? ' error' : ' errors'}: it was probably changed since the link was shared.
          </Text>
        </Alert>
      )}
    </>
  );
}
