/**
 * The flow page's History section: the timeline, newest first and
 * virtualized, each entry linkable (`?view=history&entry=<id>`), and the JSON comparisons
 * (`?view=diff&from=<sha>&to=<sha>&layout=split|unified`): the changed lines, computed on the server,
 * or the two whole documents (`&whole=1`).
 */
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { flowHistoryQueryOptions, jsonChangesQueryOptions, jsonVersionsQueryOptions } from '../../api/history';
import { paths } from '../../config/paths';
import type { ChannelRef } from '../../model/flow';
import type { HistoryEntry } from '../../model/history';
import { ChangesView } from './diff/ChangesView';
import { LoadError, type DiffPanelProps } from './diff/panel';
import { useKeepInView } from '../../components/useKeepInView';
import { comparisonTargets, readHistoryUrlState, withHistoryUrlState, type Comparison, type HistoryUrlState } from './model';
import { describeEntry, kindLabel } from './wording';
import { formatCount } from '../../lib/count';

// The whole documents (CodeMirror's merge view, the diff worker's client): loaded only when shown.
const WholeDocuments = lazy(() => import('./diff/WholeDocuments'));

const ROW_HEIGHT = 56;
const LIST_HEIGHT = 420;

export interface FlowHistorySectionProps {
  channelRef: ChannelRef;
  flowId: string;
}

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
};

interface TimelineProps {
  entries: readonly HistoryEntry[];
  selected: string | null;
  hrefOf: (id: string) => string;
  diffHrefOf: (c: Comparison) => string;
}

function Timeline({ entries, selected, hrefOf, diffHrefOf }: TimelineProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design (as FlowTable).
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 600, height: LIST_HEIGHT },
  });
  const selectedIndex = selected === null ? -1 : entries.findIndex((e) => e.id === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedIndex, virtualizer]);
  return (
    <div ref={scroller} data-testid="history-list" style={{ height: LIST_HEIGHT, overflow: 'auto' }} role="list" aria-label="Changes, newest first">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index] as HistoryEntry;
          const isSelected = item.index === selectedIndex;
          return (
            <div
              key={entry.id}
              role="listitem"
              aria-current={isSelected ? 'true' : undefined}
              data-entry={entry.id}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
                borderLeft: isSelected ? '4px solid var(--mantine-color-blue-6)' : '4px solid transparent',
                paddingLeft: 8,
              }}
            >
              <Group gap="xs" wrap="nowrap">
                <Badge variant="light" size="sm">
                  {kindLabel(entry.kind)}
                </Badge>
                <Anchor component={Link} to={hrefOf(entry.id)} size="sm" replace>
                  <time dateTime={entry.at}>{when(entry.at)}</time>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {entry.source === 'live' ? 'seen when opened' : 'seen at sync'}
                </Text>
                {entry.kind === 'json' && entry.from && entry.to && (
                  <Anchor component={Link} to={diffHrefOf({ from: entry.from, to: entry.to })} size="xs" replace>
                    Compare these versions
                  </Anchor>
                )}
              </Group>
              <Text size="sm" truncate>
                {describeEntry(entry)}
                {isSelected ? ' (linked entry)' : ''}
              </Text>
            </div>
          );
        })}
      </div>
    </div>
  );
}



/** The changed lines only, computed once on the server: a few KB, whatever the size of the flow. */
function ChangedLines({ channelRef, flowId, comparison, layout, onWhole }: DiffPanelProps & { onWhole: () => void }) {
  const { data: changes, error } = useQuery(jsonChangesQueryOptions(channelRef, flowId, comparison.from, comparison.to));
  if (error) return <LoadError message={error.message} />;
  if (!changes) return <Text size="sm">Comparing the two versions…</Text>;
  if (changes.hunks.length === 0) return <Text size="sm">The two versions have the same content (they differ only in line ends).</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {formatCount(changes.changed)} changed line{changes.changed === 1 ? '' : 's'} in {formatCount(changes.hunks.length)} place{changes.hunks.length === 1 ? '' : 's'}
        {changes.formatted ? ' (both versions formatted to compare them)' : ''}.
      </Text>
      {!changes.complete && (
        <Alert color="yellow" title="Too many changes to list them all">
          Only the first changes are listed here.{' '}
          <Anchor component="button" type="button" size="sm" onClick={onWhole}>
            Show the whole documents
          </Anchor>{' '}
          to see every change.
        </Alert>
      )}
      <ChangesView changes={changes} layout={layout} />
    </Stack>
  );
}

function DiffPanel(props: DiffPanelProps & { whole: boolean; onChange: (patch: Partial<Pick<HistoryUrlState, 'layout' | 'whole'>>) => void }) {
  const { comparison, layout, whole, onChange } = props;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">
          Comparing <code>{comparison.from.slice(0, 10)}</code> (older, left) with <code>{comparison.to.slice(0, 10)}</code> (newer, right)
        </Text>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label="What to show"
            value={whole ? 'whole' : 'changes'}
            onChange={(v) => onChange({ whole: v === 'whole' })}
            data={[
              { value: 'changes', label: 'Changed lines' },
              { value: 'whole', label: 'Whole documents' },
            ]}
          />
          <SegmentedControl
            size="xs"
            aria-label="Diff layout"
            value={layout}
            onChange={(v) => onChange({ layout: v === 'unified' ? 'unified' : 'split' })}
            data={[
              { value: 'split', label: 'Side by side' },
              { value: 'unified', label: 'Unified' },
            ]}
          />
        </Group>
      </Group>
      {whole ? (
        <Suspense fallback={<Text size="sm">Loading the diff viewer…</Text>}>
          <WholeDocuments {...props} />
        </Suspense>
      ) : (
        <ChangedLines {...props} onWhole={() => onChange({ whole: true })} />
      )}
    </Stack>
  );
}

export default function FlowHistorySection({ channelRef, flowId }: FlowHistorySectionProps) {
  const [params, setParams] = useSearchParams();
  const url = readHistoryUrlState(params);
  const history = useQuery(flowHistoryQueryOptions(channelRef, flowId));
  const versions = useQuery(jsonVersionsQueryOptions(channelRef, flowId));
  const targets = comparisonTargets(versions.data ?? []);
  const section = useRef<HTMLElement>(null);
  const linked = url.view !== null;
  // A link into the section stays on it while the page above it loads.
  useKeepInView(section, linked);

  const update = (patch: Parameters<typeof withHistoryUrlState>[1]) =>
    setParams((current) => withHistoryUrlState(current, patch), { replace: true, preventScrollReset: true });
  const compare = (c: Comparison) => update({ view: 'diff', from: c.from, to: c.to, entry: null });
  const hrefOf = (id: string) => paths.flow.getHref(channelRef, flowId, withHistoryUrlState(params, { view: 'history', entry: id, from: null, to: null }));
  const diffHrefOf = (c: Comparison) => paths.flow.getHref(channelRef, flowId, withHistoryUrlState(params, { view: 'diff', entry: null, ...c }));
  const comparison = url.view === 'diff' && url.from && url.to ? { from: url.from, to: url.to } : null;

  return (
    <Paper component="section" ref={section} withBorder p="md" aria-labelledby="flow-history-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="flow-history-title">
          History
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="light" disabled={!targets.previous} onClick={() => targets.previous && compare(targets.previous)}>
            Compare with the previous version
          </Button>
          <Button size="xs" variant="light" disabled={!targets.lastValid} onClick={() => targets.lastValid && compare(targets.lastValid)}>
            Compare with the last version without validation errors
          </Button>
          <Button size="xs" variant="light" disabled={!targets.lastPublished} onClick={() => targets.lastPublished && compare(targets.lastPublished)}>
            Compare with the last published version
          </Button>
          {comparison && (
            <Button size="xs" variant="subtle" onClick={() => update({ view: 'history', from: null, to: null, layout: 'split', whole: false })}>
              Close the comparison
            </Button>
          )}
        </Group>
        {versions.error && <Text size="sm" c="dimmed">Stored versions of the flow JSON could not be loaded: {versions.error.message}</Text>}
        {comparison && (
          <DiffPanel channelRef={channelRef} flowId={flowId} comparison={comparison} versions={versions.data ?? []} layout={url.layout} whole={url.whole} onChange={update} />
        )}
        {history.isPending && <Text size="sm">Loading the history…</Text>}
        {history.error && (
          <Alert color="red" title="Could not load the history">
            {history.error.message}
          </Alert>
        )}
        {history.data &&
          (history.data.entries.length === 0 ? (
            <Text size="sm">No change recorded yet.</Text>
          ) : (
            <Timeline entries={history.data.entries} selected={url.entry} hrefOf={hrefOf} diffHrefOf={diffHrefOf} />
          ))}
        {url.entry && history.data && !history.data.entries.some((e) => e.id === url.entry) && (
          <Text size="sm" c="dimmed">
            The linked entry is not in the loaded history (it may be older, or pruned).
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
