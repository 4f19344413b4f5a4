import { Alert, Button, Group, Kbd, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Component, memo, useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFromNextTask } from '../../components/useFromNextTask';
import type { PlacedError } from '../../lib/json-positions';
import type FlowJsonViewer from './viewer/FlowJsonViewer';
import type { FlowDetailModel } from './useFlowDetailModel';
import type { FlowJsonViewerProps } from './viewer/types';
import { WARM_UP_MARKS, WARM_UP_TEXT } from './viewer/warmUp';

type ViewerModule = { default: typeof FlowJsonViewer };
let viewerModule: ViewerModule | null = null;
let viewerLoading: Promise<ViewerModule> | null = null;

/**
 * Loads the code viewer's chunk (once). Not React.lazy: React throttles revealing a suspended
 * boundary by up to 300 ms, which would delay the first highlighted screen by as much.
 */
function loadViewer(): Promise<ViewerModule> {
  viewerLoading ??= import('./viewer/FlowJsonViewer').then(
    (m) => (viewerModule = m),
    (error: unknown) => {
      viewerLoading = null;
      throw error;
    },
  );
  return viewerLoading;
}

/** Starts loading the code viewer's chunk before the JSON arrives. */
export function preloadViewer(): void {
  loadViewer().catch(() => {
    // Shown by LazyViewer when the viewer is needed.
  });
}

function LazyViewer(props: FlowJsonViewerProps) {
  const [state, setState] = useState<{ module: ViewerModule | null; error: unknown }>(() => ({ module: viewerModule, error: null }));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (state.module) return;
    let live = true;
    loadViewer().then(
      (module) => live && setState({ module, error: null }),
      (error: unknown) => live && setState({ module: null, error }),
    );
    return () => {
      live = false;
    };
  }, [state.module, attempt]);

  if (state.error) {
    return (
      <Alert color="red" title="The code viewer failed to load" role="alert">
        <Stack gap={6}>
          <Text size="sm">The flow JSON was downloaded, but the code viewer could not be loaded (the connection may have dropped, or Flow Desk was just updated).</Text>
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setState({ module: null, error: null });
                setAttempt((n) => n + 1);
              }}
            >
              Retry
            </Button>
            <Button size="xs" variant="default" onClick={() => window.location.reload()}>
              Reload page
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (!state.module) return <Waiting>Loading the code viewer…</Waiting>;
  const Viewer = state.module.default;
  return <Viewer {...props} />;
}

/** Keeps a crash inside the viewer from blanking the page. */
class ViewerBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" title="The code viewer stopped working" role="alert">
        <Stack gap={6}>
          <Text size="sm">The flow JSON was downloaded, but the code viewer failed while showing it. A reload usually fixes this.</Text>
          <Group>
            <Button size="xs" variant="light" onClick={() => window.location.reload()}>
              Reload page
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
}

export function Waiting({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" role="status" aria-live="polite">
      <Loader size="xs" />
      <Text size="sm" c="dimmed">
        {children}
      </Text>
    </Group>
  );
}

/** What to tell an agent for each way the JSON download fails, beyond the proxy's own message. */
function jsonFailureHint(error: unknown, providerLabel: string): string | null {
  const kind = error instanceof ApiError ? error.problem.kind : null;
  switch (kind) {
    case 'json_url_expired':
      return `Flow Desk already asked ${providerLabel} for a fresh link once. Retry in a moment; if it keeps failing, send ${providerLabel} the summary from “Copy for ticket”.`;
    case 'json_too_large':
      return 'Meta accepts flow JSON of at most 10 MB, so this document cannot be a valid flow; Flow Desk does not open it. The validation errors are still listed.';
    case 'no_flow_json':
      return 'There is no flow JSON to show. The validation errors, if any, are still listed with the positions the provider reported.';
    case 'json_url_refused':
      return 'Flow Desk only downloads flow JSON from Meta’s CDN hosts, to stay safe; this link points elsewhere.';
    default:
      return null;
  }
}

/** Thousands separated by commas, without Intl (whose first use costs tens of milliseconds). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const formatSize = (chars: number) =>
  chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} M characters` : chars >= 10_000 ? `${Math.round(chars / 1000)} k characters` : `${chars} characters`;

function PlacementSummary({ placed }: { placed: readonly (PlacedError | undefined)[] }) {
  let approximate = 0;
  let pending = 0;
  const missing: PlacedError[] = [];
  for (const p of placed) {
    if (!p) pending++;
    else if (p.how === 'line') approximate++;
    else if (p.how === 'unlocated') missing.push(p);
  }
  const highlighted = placed.length - missing.length - pending;
  return (
    <Text size="xs" c="dimmed" data-testid="placement-summary">
      {highlighted} of {placed.length} errors highlighted
      {pending > 0 && ` · ${pending} still being placed…`}
      {approximate > 0 && ` · ${approximate} on their whole line (no exact position)`}
      {missing.length > 0 && ` · not found in the JSON: ${missing.slice(0, 10).map((p) => `#${p.index + 1}`).join(', ')}${missing.length > 10 ? '…' : ''}`}
    </Text>
  );
}

/**
 * The flow JSON: download states, the format toggle, error navigation and the code viewer. Drawn
 * again only when what it shows changes (its parts of the model are memoised), not when the
 * screens, the map or the list change.
 */
export function JsonPanel({ model, height }: { model: FlowDetailModel; height: string }) {
  return <Json viewer={model.viewer} download={model.download} selection={model.selection} providerLabel={model.source.providerLabel} height={height} />;
}

const Json = memo(function Json({
  viewer: props,
  download,
  selection,
  providerLabel,
  height,
}: {
  viewer: FlowDetailModel['viewer'];
  download: FlowDetailModel['download'];
  selection: FlowDetailModel['selection'];
  providerLabel: string;
  height: string;
}) {
  const { hasFlowJson } = download;
  const { view, shown, syntaxError } = props;
  const retryJson = () => void download.retry();

  // The viewer is mounted (hidden, on a small sample) while the JSON downloads, so the editor is
  // ready, and its code compiled, when the JSON arrives. In a task of its own: the details arrive
  // just before, and drawing them (thousands of errors) is a long task already.
  const downloading = !shown && download.pending && hasFlowJson !== false && !download.error;
  const warmingUp = useFromNextTask(downloading || undefined) === true;
  // The text reaches the viewer in a deferred render after the one that has it: its first screen
  // of text is drawn in tasks of its own (React's slices, then the viewer's effects), not added to
  // the one that places the errors and draws the rest of the page.
  const inViewer = useDeferredValue(shown ?? undefined);
  let messages: ReactNode;
  if (hasFlowJson === false) {
    messages = (
      <Alert color="gray" title="No flow JSON" role="status">
        <Text size="sm">
          {providerLabel} gives no flow JSON link for this flow: it may never have had a flow JSON uploaded. The validation
          errors, if any, are listed with the positions the provider reported.
        </Text>
      </Alert>
    );
  } else if (download.error) {
    const hint = jsonFailureHint(download.error, providerLabel);
    const kind = download.error instanceof ApiError ? download.error.problem.kind : null;
    messages = (
      <>
        <ProblemAlert error={download.error} onRetry={kind === 'json_too_large' ? undefined : retryJson} />
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
      </>
    );
  } else if (!shown) {
    messages = <Waiting>{download.pending ? 'Downloading the flow JSON through Flow Desk…' : 'Preparing the flow JSON…'}</Waiting>;
  } else {
    messages = (
      <>
        {syntaxError && (
          <Alert color="red" title="The flow JSON does not parse" role="alert" data-testid="syntax-error">
            <Stack gap={6}>
              <Text size="sm">
                {syntaxError.message} at line {syntaxError.line}, column {syntaxError.column}. The text is shown exactly as
                downloaded, with that position highlighted; it cannot be formatted.
              </Text>
              <Group>
                <Button size="xs" variant="light" onClick={props.showSyntaxError}>
                  Show the position
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {view === 'formatted' && props.formatError != null && !syntaxError && (
          <ProblemAlert error={props.formatError} title="Could not format the flow JSON" />
        )}
        {view === 'formatted' && props.formatUnchanged && (
          <Text size="xs" c="dimmed">
            The flow JSON was already formatted this way: it is shown as downloaded.
          </Text>
        )}
        {view === 'raw' && shown.lineCount === 1 && shown.text.length > 400 && !syntaxError && (
          <Text size="xs" c="dimmed" data-testid="minified-hint">
            This flow JSON is minified (one line), as many tools upload it. Choose “Formatted” to read it: the errors
            are re-located by their path, so the same tokens stay highlighted.
          </Text>
        )}
        {props.placeError != null && <ProblemAlert error={props.placeError} title="Could not place the errors in the JSON" onRetry={props.retryPlace} />}
        {props.formatting && <Waiting>Formatting the flow JSON…</Waiting>}
        {props.placed && <PlacementSummary placed={props.placed} />}
      </>
    );
  }
  const body = (
    <Stack gap="xs">
      {messages}
      {(shown || warmingUp) && (
        <div style={inViewer ? undefined : { visibility: 'hidden' }} aria-hidden={inViewer ? undefined : true}>
          <ViewerBoundary>
            <LazyViewer
              text={inViewer?.text ?? WARM_UP_TEXT}
              marks={inViewer?.marks ?? WARM_UP_MARKS}
              selectedIndex={props.selectedMark}
              onSelect={props.selectMark}
              reveal={props.reveal}
              restAfter={props.restAfter}
              height={height}
            />
          </ViewerBoundary>
        </div>
      )}
    </Stack>
  );

  return (
    <Stack gap="xs" component="section" aria-labelledby="json-title">
      <Group justify="space-between" align="center" gap="xs">
        <Group gap="xs" align="baseline">
          <Title order={3} size="h5" id="json-title">
            Flow JSON
          </Title>
          {shown && (
            <Text size="xs" c="dimmed">
              {formatSize(shown.text.length)}
              {shown.lineCount != null && ` · ${grouped(shown.lineCount)} ${shown.lineCount === 1 ? 'line' : 'lines'}`}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {shown && (
            <SegmentedControl
              size="xs"
              aria-label="Layout of the flow JSON"
              value={view}
              onChange={(v) => props.setView(v === 'formatted' ? 'formatted' : 'raw')}
              data={[
                { value: 'raw', label: 'As downloaded' },
                { value: 'formatted', label: 'Formatted', disabled: syntaxError !== null },
              ]}
            />
          )}
          <Button size="xs" variant="default" onClick={() => selection.stepBy(-1)} disabled={!selection.canStep} aria-keyshortcuts="Shift+F8">
            ◀ Previous error
          </Button>
          <Button size="xs" variant="default" onClick={() => selection.stepBy(1)} disabled={!selection.canStep} aria-keyshortcuts="F8">
            Next error ▶
          </Button>
        </Group>
      </Group>
      {shown && (
        <Text size="xs" c="dimmed">
          <Kbd size="xs">F8</Kbd> / <Kbd size="xs">Shift</Kbd>+<Kbd size="xs">F8</Kbd> next / previous error ·{' '}
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">F</Kbd> in the JSON to search · hover a highlight for its message
        </Text>
      )}
      {body}
    </Stack>
  );
});
