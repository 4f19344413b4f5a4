/**
 * The flow detail page: what support staff open for "the customer's flow won't publish".
 * Details, a "can it send" verdict, health, and the validation errors, each highlighted at its
 * token in the flow JSON exactly as downloaded. Logic lives in ./model and ../../lib (pure, with
 * unit tests); ./analysis runs the JSON work (the heavy parts in a worker); ./viewer is the lazy
 * CodeMirror view. Components here only compose.
 */
import { Alert, Grid, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { accountsQueryOptions, resolveChannel } from '../../api/accounts';
import { flowDetailQueryOptions, flowJsonQueryOptions } from '../../api/flows';
import { ProblemAlert, toProblem } from '../../components/ProblemAlert';
import type { ComponentPath } from '../../lib/flow-screens';
import { locatePaths, screenOfError, type Range } from '../../lib/json-positions';
import { ticketText, type TicketFailure } from '../../lib/ticket';
import type { ChannelRef } from '../../model/flow';
import { warmFlowJsonWorker } from './analysis/client';
import { useFlowJsonWork } from './analysis/queries';
import { CopyButton } from './CopyButtons';
import { FlowFacts } from './FlowFacts';
import { FlowHeader } from './FlowHeader';
import { HealthPanel } from './HealthPanel';
import { JsonPanel, preloadViewer, Waiting } from './JsonPanel';
import { viewerMarks } from './model/marks';
import { step } from './model/problems';
import { markIndexToSelection, selectionToMarkIndex, SYNTAX_ERROR, type Selection } from './model/urlState';
import { flowVerdict } from './model/verdict';
import { ProblemsPanel } from './ProblemsPanel';
import { ScreensPanel } from './screens/ScreensPanel';
import { useDetailUrlState } from './useDetailUrlState';
import { useProblems } from './useProblems';
import { VerdictPanel } from './VerdictPanel';

const PANEL_HEIGHT = '70vh';
const NO_SCREEN_IDS: (string | null)[] = [];

export function FlowDetailPage() {
  const { accountId = '', channelId = '', flowId = '' } = useParams();
  const ref: ChannelRef = { accountId, channelId };
  return <FlowDetailScreen key={`${accountId}/${channelId}/${flowId}`} channelRef={ref} flowId={flowId} />;
}

function FlowDetailScreen({ channelRef, flowId }: { channelRef: ChannelRef; flowId: string }) {
  const [url, setUrl] = useDetailUrlState();
  const accounts = useQuery(accountsQueryOptions());
  const channel = accounts.data ? resolveChannel(accounts.data, channelRef) : null;
  const providerLabel = channel?.account.providerLabel ?? 'the provider';
  const errorsExposed = channel?.account.capabilities.validationErrors;
  const previewTarget = useMemo(() => ({ channelRef, flowId }), [channelRef, flowId]);
  // Details and JSON load in parallel: the proxy finds the JSON link itself.
  const detail = useQuery(flowDetailQueryOptions(channelRef, flowId));
  const json = useQuery(flowJsonQueryOptions(channelRef, flowId));
  const flow = detail.data;
  const errors = flow?.validationErrors;
  useDocumentTitle(`${flow?.name || `Flow ${flowId}`} · Flow Desk`);

  useEffect(() => {
    preloadViewer();
    warmFlowJsonWorker();
  }, []);

  const work = useFlowJsonWork(
    {
      ref: channelRef,
      flowId,
      text: json.data?.text,
      lineStarts: json.data?.lineStarts,
      textUpdatedAt: json.dataUpdatedAt,
      errors,
      errorsUpdatedAt: detail.dataUpdatedAt,
    },
    url.view === 'formatted',
  );
  const syntaxError = work.inspection?.syntaxError ?? null;
  const screenIds = work.inspection?.screenIds ?? NO_SCREEN_IDS;

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const problems = useProblems(errors, screenIds, { q: url.q, codes: url.codes }, collapsed, syntaxError !== null);
  const { order } = problems;

  // The text in the viewer: formatted on request (once formatted), else exactly as downloaded.
  const formatted = url.view === 'formatted' && work.formatted && !work.formatted.unchanged ? work.formatted : undefined;
  const placement = formatted ?? work.placed;
  const shownText = formatted ? formatted.text : json.data?.text;
  const marks = useMemo(() => viewerMarks(errors, placement?.placed, formatted ? null : syntaxError), [errors, placement, formatted, syntaxError]);

  const selection = url.error;
  // Selecting an error shows its screen (the URL's screen is dropped: the error's screen is the default).
  const select = useCallback((selection: Selection) => setUrl({ error: selection, screen: null }), [setUrl]);
  const [reveal, setReveal] = useState<Range | null>(null);
  const revealPath = (path: ComponentPath) => {
    if (shownText === undefined) return;
    const range = locatePaths(shownText, [[...path]])[0];
    if (range) setReveal({ ...range });
  };
  const onScreen = (index: number, id: string) => {
    setUrl({ screen: id });
    revealPath(['screens', index]);
  };
  const onSelectComponent = (path: ComponentPath, firstError: number | null) => {
    if (firstError !== null) {
      const screen = errors?.[firstError] ? screenOfError(errors[firstError]) : null;
      setUrl({ error: firstError, screen: screen === null ? null : (screenIds[screen] ?? null) });
    } else revealPath(path);
  };
  const onSelectMark = useCallback((index: number) => select(markIndexToSelection(index)), [select]);
  const stepBy = (direction: 1 | -1) => select(step(order, selection, direction));
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    // The editor handles F8 itself (in document order) and marks the event as handled.
    if (event.key !== 'F8' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    stepBy(event.shiftKey ? -1 : 1);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const verdict = useMemo(() => (flow ? flowVerdict(flow, providerLabel, errorsExposed !== false) : null), [flow, providerLabel, errorsExposed]);

  const makeTicket = () => {
    const failures: TicketFailure[] = [];
    if (detail.error) failures.push({ what: 'Flow details', problem: toProblem(detail.error) });
    if (json.error) failures.push({ what: 'Flow JSON download', problem: toProblem(json.error) });
    return ticketText({
      generatedAt: new Date().toISOString(),
      link: window.location.href,
      providerLabel,
      errorsExposed,
      accountName: channel?.account.name ?? channelRef.accountId,
      providerAccountId: channel?.account.providerAccountId ?? null,
      ref: channelRef,
      channelLabel: channel?.label ?? null,
      flowId,
      flow: flow ?? null,
      verdict: verdict?.headline ?? null,
      placed: work.placed?.placed ?? null,
      syntaxError,
      failures,
    });
  };

  const staleSelection = typeof url.error === 'number' && errors !== undefined && url.error >= errors.length;

  return (
    <Stack gap="md" pb="xl">
      <FlowHeader
        channelRef={channelRef}
        flowId={flowId}
        flow={flow}
        providerLabel={providerLabel}
        channelLabel={channel?.label ?? null}
        actions={
          <>
            <CopyButton label="Copy link" title="Link to this view" make={() => window.location.href} />
            <CopyButton label="Copy for ticket" title="Summary for a ticket" make={makeTicket} />
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
      {staleSelection && (
        <Alert color="yellow" title="The selected error is not in this flow any more" role="status">
          <Text size="sm">
            The link selects error #{(url.error as number) + 1}, but the flow now has {errors.length} validation
            {errors.length === 1 ? ' error' : ' errors'}: it was probably changed since the link was shared.
          </Text>
        </Alert>
      )}
      {json.data && (
        <ScreensPanel
          text={json.data.text}
          errors={errors}
          selection={selection}
          screenId={url.screen}
          onScreen={onScreen}
          onSelectComponent={onSelectComponent}
        />
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          {errors ? (
            <ProblemsPanel
              errors={errors}
              rows={problems.rows}
              codes={problems.codes}
              filter={problems.filter}
              onFilter={(patch) => setUrl({ ...patch, codes: patch.codes ? [...patch.codes] : undefined })}
              shownCount={problems.shownCount}
              placed={placement?.placed}
              view={formatted ? 'formatted' : 'raw'}
              syntaxError={syntaxError}
              selection={selection}
              onSelect={select}
              onToggleGroup={(key) =>
                setCollapsed((current) => {
                  const next = new Set(current);
                  if (!next.delete(key)) next.add(key);
                  return next;
                })
              }
              height={PANEL_HEIGHT}
              errorsExposed={errorsExposed}
              providerLabel={providerLabel}
            />
          ) : (
            detail.error && (
              <Text size="sm" c="dimmed">
                The validation errors come with the flow details, which could not be loaded.
              </Text>
            )
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <JsonPanel
            providerLabel={providerLabel}
            hasFlowJson={flow?.hasFlowJson}
            json={{ text: json.data?.text, isPending: json.isPending, error: json.error, retry: () => void json.refetch() }}
            view={url.view}
            onView={(view) => setUrl({ view })}
            shown={
              shownText === undefined
                ? null
                : { text: shownText, marks, lineCount: placement?.lineCount ?? null, formatted: formatted !== undefined }
            }
            placeError={work.place.error}
            onRetryPlace={() => void work.place.refetch()}
            formatting={work.format.fetchStatus === 'fetching'}
            formatError={work.format.error}
            formatUnchanged={url.view === 'formatted' && work.formatted?.unchanged === true}
            syntaxError={syntaxError}
            placed={placement?.placed}
            selectedMark={selectionToMarkIndex(selection)}
            onSelectMark={onSelectMark}
            reveal={reveal}
            onStep={stepBy}
            canStep={order.length > 0}
            onShowSyntaxError={() => select(SYNTAX_ERROR)}
            height={PANEL_HEIGHT}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
