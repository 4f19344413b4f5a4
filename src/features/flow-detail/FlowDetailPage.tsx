/**
 * The flow detail page: what support staff open for "the customer's flow won't publish".
 * Details, a "can it send" verdict, health, the screens with each error in place, and the
 * validation errors, each highlighted at its token in the flow JSON exactly as downloaded. The
 * page's state is one model (useFlowDetailModel); each section takes that model. Logic lives in
 * ./model and ../../lib (pure, with unit tests); ./analysis runs the JSON work (the heavy parts in
 * a worker); ./viewer is the lazy CodeMirror view. Components here only compose.
 */
import { Grid, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useAfterFirstPaint } from '../../components/useAfterFirstPaint';
import type { ChannelRef } from '../../model/flow';
// Part of the page (small: the whole documents' merge view is its own chunk), so a comparison
// link's changed lines paint with the page rather than after a lazy chunk's Suspense.
import FlowHistorySection from '../flow-history/FlowHistorySection';
import { readHistoryUrlState } from '../flow-history/model';
import { FlowOverview } from './FlowOverview';
import { JsonPanel } from './JsonPanel';
import { ProblemsPanel } from './ProblemsPanel';
import { ScreensPanel } from './screens/ScreensPanel';
import { useFlowDetailModel } from './useFlowDetailModel';

const PANEL_HEIGHT = '70vh';

export function FlowDetailPage() {
  const { accountId = '', channelId = '', flowId = '' } = useParams();
  const ref: ChannelRef = { accountId, channelId };
  return <FlowDetailScreen key={`${accountId}/${channelId}/${flowId}`} channelRef={ref} flowId={flowId} />;
}

function FlowDetailScreen({ channelRef, flowId }: { channelRef: ChannelRef; flowId: string }) {
  const [params] = useSearchParams();
  // A link into the History section (a comparison, an entry) is what the agent opened: that
  // section is painted first, alone, and the rest of the page (its details, screens, problems and
  // JSON, with the work they start) from the task after that frame.
  const [historyFirst] = useState(() => readHistoryUrlState(params).view !== null);
  const restShown = useAfterFirstPaint(historyFirst);
  // The same element on every render of the page, so the page's renders (the problems list's
  // deferred one among them) never render the History section again.
  const history = useMemo(() => <FlowHistorySection channelRef={channelRef} flowId={flowId} />, [channelRef, flowId]);
  return (
    <Stack gap="md" pb="xl">
      {restShown && <FlowDetailPanels channelRef={channelRef} flowId={flowId} />}
      {history}
    </Stack>
  );
}

/** Everything on the page above the History section. */
function FlowDetailPanels({ channelRef, flowId }: { channelRef: ChannelRef; flowId: string }) {
  const model = useFlowDetailModel(channelRef, flowId);
  useDocumentTitle(`${model.flow?.name || `Flow ${flowId}`} · Flow Desk`);
  return (
    <>
      <FlowOverview overview={model.overview} />
      <ScreensPanel model={model} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ProblemsPanel model={model} height={PANEL_HEIGHT} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <JsonPanel model={model} height={PANEL_HEIGHT} />
        </Grid.Col>
      </Grid>
    </>
  );
}
