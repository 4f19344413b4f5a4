/**
 * The flow detail page's state in one place: what is loaded, what is selected (an error, a screen,
 * a range to reveal in the JSON), how the JSON is shown, and the actions that change it. Panels
 * take this model (or a part of it) instead of a long list of props, and a new section of the page
 * reads what it needs from it.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { accountsQueryOptions, resolveChannel } from '../../api/accounts';
import { recordTicketCopy } from '../../api/audit';
import { flowDetailQueryOptions, flowJsonQueryOptions } from '../../api/flows';
import { toProblem } from '../../components/ProblemAlert';
import { placeErrorsInComponents, withErrorCounts, type ComponentPath, type ScreenWanted } from '../../lib/flow-screens';
import { locatePaths, screenOfPath, screensByPath, type Range } from '../../lib/json-positions';
import { ticketText, type TicketFailure } from '../../lib/ticket';
import type { ChannelRef, ValidationError } from '../../model/flow';
import { copyTextToWorker, warmFlowJsonWorker } from './analysis/client';
import { useFlowJsonWork, usePositionPaths, useScreenJson, type FlowJsonInput } from './analysis/queries';
import { preloadViewer } from './JsonPanel';
import { viewerMarks } from './model/marks';
import { step } from './model/problems';
import { markIndexToSelection, selectionToMarkIndex, SYNTAX_ERROR, type JsonView, type Selection } from './model/urlState';
import { flowVerdict } from './model/verdict';
import type { ProblemFilter } from './model/problems';
import { useDetailUrlState } from './useDetailUrlState';
import { useProblems } from './useProblems';

const NO_SCREEN_IDS: (string | null)[] = [];
const NO_ERRORS: ValidationError[] = [];
const NO_SCREENS: (number | null)[] = [];

export function useFlowDetailModel(channelRef: ChannelRef, flowId: string) {
  const [url, setUrl] = useDetailUrlState();

  // ---- where the flow comes from
  const accounts = useQuery(accountsQueryOptions());
  const channel = useMemo(() => (accounts.data ? resolveChannel(accounts.data, channelRef) : null), [accounts.data, channelRef]);
  const providerLabel = channel?.account.providerLabel ?? 'the provider';
  /** The account's `capabilities.validationErrors`; undefined while the accounts load. */
  const errorsExposed = channel?.account.capabilities.validationErrors;
  const previewTarget = useMemo(() => ({ channelRef, flowId }), [channelRef, flowId]);

  // ---- the flow: details and JSON load in parallel (the proxy finds the JSON link itself)
  const detail = useQuery(flowDetailQueryOptions(channelRef, flowId));
  // The JSON is copied to the worker as it downloads, so the page never posts the whole text.
  const json = useQuery(flowJsonQueryOptions(channelRef, flowId, copyTextToWorker));
  const flow = detail.data;
  const errors = flow?.validationErrors;

  useEffect(() => {
    preloadViewer();
    warmFlowJsonWorker();
  }, []);

  const workInput: FlowJsonInput = {
    ref: channelRef,
    flowId,
    text: json.data?.text,
    lineStarts: json.data?.lineStarts,
    textUpdatedAt: json.dataUpdatedAt,
    errors,
    errorsUpdatedAt: detail.dataUpdatedAt,
  };
  // ---- each error's screen: its pointer path's, else (line and column only) what its position points at in the JSON
  const byPath = useMemo(() => screensByPath(errors ?? NO_ERRORS), [errors]);
  const selection = url.error;
  const bySelection = typeof selection === 'number' ? (byPath.screens[selection] ?? null) : null;
  // The screen shown first, as far as the errors tell before the map is read (see `currentScreen`):
  // the worker sends its JSON with the map.
  const firstErrorScreen = useMemo(() => byPath.screens.reduce<number | null>((first, s) => (s !== null && (first === null || s < first) ? s : first), null), [byPath]);
  const screenWanted: ScreenWanted = { id: url.screen, index: bySelection ?? firstErrorScreen ?? 0 };
  const work = useFlowJsonWork(workInput, url.view === 'formatted', screenWanted);
  const inspection = work.inspection;
  const syntaxError = inspection?.syntaxError ?? null;
  const screenIds = inspection?.screenIds ?? NO_SCREEN_IDS;

  const positionPaths = usePositionPaths(workInput, byPath.withoutPath);
  const errorScreens = useMemo(
    () => (positionPaths.size === 0 ? byPath.screens : byPath.screens.map((screen, i) => (positionPaths.has(i) ? screenOfPath(positionPaths.get(i)!) : screen))),
    [byPath, positionPaths],
  );

  // ---- problems list
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  // The list's model over thousands of errors and its drawing come in a deferred render, after the
  // one that shows the details, and React splits it into slices (the errors with their screens,
  // so the two always match; undefined until then).
  const listed = useDeferredValue(useMemo(() => (errors ? { errors, screens: errorScreens } : undefined), [errors, errorScreens]));
  const problems = useProblems(listed?.errors, listed?.screens ?? NO_SCREENS, screenIds, url, collapsed, syntaxError !== null);
  const { order } = problems;
  const setFilter = useCallback((patch: Partial<ProblemFilter>) => setUrl({ ...patch, codes: patch.codes ? [...patch.codes] : undefined }), [setUrl]);
  const toggleGroup = useCallback(
    (key: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  // ---- the text in the viewer: formatted on request (once formatted), else exactly as downloaded
  const formatted = url.view === 'formatted' && work.formatted && !work.formatted.unchanged ? work.formatted : undefined;
  const placement = formatted ?? work.placed;
  const shownText = formatted ? formatted.text : json.data?.text;
  const marks = useMemo(() => viewerMarks(errors, placement?.placed, formatted ? null : syntaxError), [errors, placement, formatted, syntaxError]);
  const [reveal, setReveal] = useState<Range | null>(null);
  const revealPath = (path: ComponentPath) => {
    if (shownText === undefined) return;
    const range = locatePaths(shownText, [[...path]])[0];
    if (range) setReveal({ ...range });
  };

  // ---- selection: an error (from the list, the viewer, F8, a preview component) or a screen
  // Selecting an error shows its screen (the URL's screen is dropped: the error's screen is the default).
  const select = useCallback((next: Selection) => setUrl({ error: next, screen: null }), [setUrl]);
  const selectMark = useCallback((index: number) => select(markIndexToSelection(index)), [select]);
  const stepBy = useCallback((direction: 1 | -1) => select(step(order, selection, direction)), [select, order, selection]);
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

  // ---- screens: the map (from the worker's inspection) with error counts, and the shown screen
  const flowScreens = inspection?.screens ?? null;
  const graph = useMemo(() => (flowScreens ? withErrorCounts(flowScreens.graph, errorScreens) : null), [flowScreens, errorScreens]);
  const byUrl = url.screen === null || !graph ? -1 : graph.nodes.findIndex((n) => n.id === url.screen);
  const shownBySelection = typeof selection === 'number' ? (errorScreens[selection] ?? null) : null;
  const screenCount = graph?.nodes.length ?? 0;
  // Without a screen in the URL or a selected error: the first screen with errors (where support looks first), else the first.
  const firstWithErrors = useMemo(() => Math.max(0, graph?.nodes.findIndex((n) => n.errorCount > 0) ?? 0), [graph]);
  const currentScreen = byUrl !== -1 ? byUrl : shownBySelection !== null && shownBySelection < screenCount ? shownBySelection : firstWithErrors;
  // Only the shown screen's errors are placed on components (10,000 errors elsewhere cost nothing here).
  const places = useMemo(() => {
    const shown: number[] = [];
    errorScreens.forEach((s, i) => s === currentScreen && shown.push(i));
    return placeErrorsInComponents(errors ?? NO_ERRORS, shown, positionPaths);
  }, [errors, errorScreens, currentScreen, positionPaths]);
  const screenJson = useScreenJson(workInput, inspection, screenCount > 0 ? currentScreen : null);
  const showScreen = (index: number) => {
    const node = graph?.nodes[index];
    if (!node) return;
    setUrl({ screen: node.id });
    revealPath(['screens', index]);
  };
  const selectComponent = (path: ComponentPath, firstError: number | null) => {
    if (firstError === null) return revealPath(path);
    const screen = errorScreens[firstError] ?? null;
    setUrl({ error: firstError, screen: screen === null ? null : (screenIds[screen] ?? null) });
  };

  // ---- summaries
  const verdict = useMemo(() => (flow ? flowVerdict(flow, providerLabel, errorsExposed !== false) : null), [flow, providerLabel, errorsExposed]);
  const staleSelection = typeof selection === 'number' && errors !== undefined && selection >= errors.length;
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

  // One function for the page's life, which summarises the page as it is when called: the
  // overview, which shows the copy button, is not drawn again for it.
  const ticketOfNow = useRef(makeTicket);
  useLayoutEffect(() => {
    ticketOfNow.current = makeTicket;
  });
  const copyTicket = useCallback(() => {
    // Recorded in the audit trail; the copy never waits on it.
    void recordTicketCopy(channelRef, flowId);
    return ticketOfNow.current();
  }, [channelRef, flowId]);

  // The JSON panel's and the list's parts, memoised like the overview: the screens' answer (and
  // the map's own changes) leave them as they are, so those panels are not drawn again for it.
  const canStep = order.length > 0;
  const problemsPart = useMemo(() => ({ ...problems, positionPaths, setFilter, toggleGroup }), [problems, positionPaths, setFilter, toggleGroup]);
  const selectionPart = useMemo(() => ({ current: selection, stale: staleSelection, select, stepBy, canStep }), [selection, staleSelection, select, stepBy, canStep]);
  const setView = useCallback((view: JsonView) => setUrl({ view }), [setUrl]);
  const { refetch: refetchPlace, error: placeError } = work.place;
  const retryPlace = useCallback(() => void refetchPlace(), [refetchPlace]);
  const showSyntaxError = useCallback(() => select(SYNTAX_ERROR), [select]);
  const lineCount = placement?.lineCount ?? null;
  const isFormatted = formatted !== undefined;
  const shown = useMemo(() => (shownText === undefined ? null : { text: shownText, marks, lineCount, formatted: isFormatted }), [shownText, marks, lineCount, isFormatted]);
  const formatting = work.format.fetchStatus === 'fetching';
  const formatError = work.format.error;
  const formatUnchanged = url.view === 'formatted' && work.formatted?.unchanged === true;
  const selectedMark = selectionToMarkIndex(selection);
  const placed = placement?.placed;
  // The viewer's loading of the rest of the text waits while the worker reads the screens, so
  // their answer is handled (and painted) without queueing behind a piece of the text. One promise
  // per downloaded text (the viewer's part stays the same when the screens arrive).
  const downloaded = json.data?.text;
  const screensRead = inspection !== undefined || work.inspect.isError;
  const restAfter = useMemo(() => (downloaded === undefined ? undefined : opening()), [downloaded]);
  useEffect(() => {
    if (screensRead) restAfter?.open();
  }, [screensRead, restAfter]);
  const viewer = useMemo(
    () => ({
      view: url.view,
      setView,
      /** The text the viewer shows and its marks; null until the JSON is there. */
      shown,
      placed,
      syntaxError,
      placeError,
      retryPlace,
      formatting,
      formatError,
      formatUnchanged,
      selectedMark,
      selectMark,
      /** A range to select in the viewer (a screen or component clicked in the screens view). */
      reveal,
      showSyntaxError,
      /** The rest of a big text waits in the viewer (after its first piece) until this settles: once the screens are read. */
      restAfter: restAfter?.promise,
    }),
    [url.view, setView, shown, placed, syntaxError, placeError, retryPlace, formatting, formatError, formatUnchanged, selectedMark, selectMark, reveal, showSyntaxError, restAfter],
  );
  const { isPending: jsonPending, error: jsonError, refetch: refetchJson } = json;
  const hasFlowJson = flow?.hasFlowJson;
  /** The JSON download's state, for the JSON panel. */
  const download = useMemo(() => ({ pending: jsonPending, error: jsonError, retry: refetchJson, hasFlowJson }), [jsonPending, jsonError, refetchJson, hasFlowJson]);

  // What the top of the page shows, memoised: the screens', the list's and the viewer's changes
  // leave it as it is, so the overview is not drawn again for them.
  const { isPending: detailPending, failureCount, failureReason, error: detailError, refetch: refetchDetail } = detail;
  const staleIndex = staleSelection ? (selection as number) : null;
  const overview = useMemo(
    () => ({
      channelRef,
      flowId,
      flow,
      errors,
      verdict,
      channel,
      providerLabel,
      previewTarget,
      copyTicket,
      loading: { pending: detailPending, failureCount, failureReason, error: detailError, retry: refetchDetail },
      /** The error the URL selects when the flow has no such error any more (a link older than a change). */
      staleSelection: staleIndex,
    }),
    [channelRef, flowId, flow, errors, verdict, channel, providerLabel, previewTarget, copyTicket, detailPending, failureCount, failureReason, detailError, refetchDetail, staleIndex],
  );

  return {
    channelRef,
    flowId,
    source: { channel, providerLabel, errorsExposed, previewTarget },
    detail,
    json,
    flow,
    errors,
    verdict,
    /** The ticket summary, for "Copy for ticket" (the copy is recorded in the audit trail). */
    copyTicket,
    /** The top of the page (header, loading state, verdict, facts, health), memoised. */
    overview,
    /** Memoised. */
    selection: selectionPart,
    /** `positionPaths`: for errors without a pointer path, the JSON path their reported position points at. */
    problems: problemsPart,
    /** Each screen's id by index (empty until the worker has read the JSON). */
    screenIds,
    /** Memoised. */
    viewer,
    /** Memoised. */
    download,
    screens: {
      /** The worker has read the JSON (parsed it, drawn the map). */
      read: inspection !== undefined,
      /** Reading it failed (the worker's error). */
      readError: work.inspect.error,
      /** Null until the worker has read the JSON, or when it has no screens list. */
      graph,
      layout: flowScreens?.layout ?? null,
      /** Shown screen: the URL's, else the selected error's, else the first with errors, else the first. */
      current: currentScreen,
      /** The URL asks for a screen id the flow does not have. */
      missingId: url.screen !== null && graph !== null && byUrl === -1 ? url.screen : null,
      /** The shown screen's JSON (`ready` false while it comes from the worker). */
      screen: screenJson,
      places,
      /** The selected validation error's index, if one is selected. */
      selectedError: typeof selection === 'number' ? selection : null,
      show: showScreen,
      selectComponent,
    },
  };
}

export type FlowDetailModel = ReturnType<typeof useFlowDetailModel>;

/** A promise and the function that resolves it. */
function opening(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
