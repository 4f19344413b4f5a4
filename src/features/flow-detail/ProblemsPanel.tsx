import { Badge, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { elementScroll, measureElement as measureFromBox, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { createContext, memo, useCallback, useContext, useEffect, useMemo, useReducer, useRef } from 'react';
import { flushSync } from 'react-dom';
import { describePlaced, describeReported, formatFlowPath, LOCATED_HOW_LABEL, type JsonPath, type PlacedError } from '../../lib/json-positions';
import type { ValidationError } from '../../model/flow';
import { FilterChips } from '../../components/FilterChips';
import { countCodes, rowOf, screenLabel, type ErrorGroup } from './model/problems';
import { SYNTAX_ERROR, type JsonView, type Selection } from './model/urlState';
import classes from './ProblemsPanel.module.css';
import type { FlowDetailModel } from './useFlowDetailModel';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const HOW_COLOR: Record<PlacedError['how'], string> = { token: 'teal', columns: 'teal', path: 'blue', line: 'orange', unlocated: 'gray' };

const ErrorRow = memo(function ErrorRow({
  index,
  error,
  positionPath,
  placed,
  view,
  selected,
  onSelect,
}: {
  index: number;
  error: ValidationError;
  /** Where its reported position points in the JSON, for an error without a pointer path. */
  positionPath: JsonPath | undefined;
  placed: PlacedError | undefined;
  view: JsonView;
  selected: boolean;
  onSelect: (selection: Selection) => void;
}) {
  const reported = describeReported(error);
  const paths = error.pointers.map((p) => p.path).filter((p): p is string => !!p);
  return (
    <button type="button" className={classes.error} aria-current={selected ? 'true' : undefined} data-error-index={index} onClick={() => onSelect(index)}>
      <Group gap={6} wrap="wrap" align="baseline">
        <Text span fw={700} size="sm">
          {selected && <span aria-hidden>▶ </span>}#{index + 1}
        </Text>
        <Code>{error.code}</Code>
        {error.type && (
          <Text span size="xs" c="dimmed">
            {error.type}
          </Text>
        )}
        {placed && (
          <Badge size="xs" variant="light" color={HOW_COLOR[placed.how]} tt="none">
            {LOCATED_HOW_LABEL[placed.how]}
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {error.message}
      </Text>
      {paths.map((p, k) => (
        <div key={k} className={classes.mono}>
          {p}
        </div>
      ))}
      {paths.length === 0 && positionPath && (
        <div className={classes.mono} title="No path was reported: this is what the reported position points at in the flow JSON">
          {formatFlowPath(positionPath)} <span className={classes.derived}>(from its position)</span>
        </div>
      )}
      <Text size="xs" c="dimmed">
        {reported ? `Reported at ${reported}` : 'No position reported'}
        {placed && placed.how !== 'unlocated' && view === 'formatted' && ` · formatted: ${describePlaced(placed)}`}
        {placed && placed.how !== 'unlocated' && placed.snippet && (
          <>
            {' · '}
            <span className={classes.snippet}>{placed.snippet}</span>
          </>
        )}
      </Text>
    </button>
  );
});

/**
 * Each screen's id by index (empty until the JSON is read), for the groups' headings only: their
 * arrival redraws the headings in view, not the list.
 */
const ScreenIds = createContext<readonly (string | null)[]>([]);

/** A screen's heading in the list; its label and code counts are worked out here, for the groups drawn only. */
const GroupHeader = memo(function GroupHeader({
  group,
  shown,
  collapsed,
  errors,
  onToggle,
}: {
  group: ErrorGroup;
  shown: number;
  collapsed: boolean;
  errors: readonly ValidationError[];
  onToggle: (key: string) => void;
}) {
  const screenIds = useContext(ScreenIds);
  const screenId = group.screen === null ? null : (screenIds[group.screen] ?? null);
  const codes = useMemo(() => countCodes(errors, group.indices), [errors, group.indices]);
  return (
    <button type="button" className={classes.group} aria-expanded={!collapsed} onClick={() => onToggle(group.key)}>
      <span aria-hidden>{collapsed ? '▸' : '▾'}</span>
      <Text span fw={700} size="sm">
        {screenLabel(group.screen, screenId)}
      </Text>
      <Text span size="xs" c="dimmed">
        {shown === group.indices.length ? plural(shown, 'error') : `${shown} of ${plural(group.indices.length, 'error')}`}
        {' · '}
        {codes.map((c) => `${c.code} ×${c.count}`).join(', ')}
      </Text>
    </button>
  );
});

/**
 * The validation errors as an editor's problems panel, grouped by screen, filtered by the URL's
 * filter, virtualized; selecting one selects it everywhere. Drawn again only when what it shows
 * changes (its parts of the model are memoised), not when the screens or the map change.
 */
export function ProblemsPanel({ model, height }: { model: FlowDetailModel; height: string }) {
  const { errorsExposed, providerLabel } = model.source;
  return (
    <ScreenIds.Provider value={model.screenIds}>
      <Problems
        problems={model.problems}
        viewer={model.viewer}
        selection={model.selection}
        errors={model.errors}
        detailFailed={Boolean(model.detail.error)}
        errorsExposed={errorsExposed}
        providerLabel={providerLabel}
        height={height}
      />
    </ScreenIds.Provider>
  );
}

interface ListParts {
  problems: FlowDetailModel['problems'];
  viewer: FlowDetailModel['viewer'];
  selection: FlowDetailModel['selection'];
  errorsExposed: boolean | undefined;
  providerLabel: string;
  height: string;
}

const Problems = memo(function Problems({ errors, detailFailed, ...parts }: ListParts & { errors: readonly ValidationError[] | undefined; detailFailed: boolean }) {
  if (parts.problems.errors) return <ErrorList {...parts} errors={parts.problems.errors} />;
  if (errors) {
    // The details are in; the list is drawn in the render after this one.
    return (
      <Text size="sm" c="dimmed" aria-busy="true">
        Listing {plural(errors.length, 'validation error')}…
      </Text>
    );
  }
  if (!detailFailed) return null;
  return (
    <Text size="sm" c="dimmed">
      The validation errors come with the flow details, which could not be loaded.
    </Text>
  );
});

/** The list's size until its first observation: at most the window's height, so no more rows are drawn first than can show. */
const LIST_SIZE_BEFORE_LAYOUT = { width: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight };

/**
 * The list's size, from a ResizeObserver only. The virtualizer's default also reads it at once,
 * when the list mounts, which makes the browser lay out the whole page inside the task that first
 * draws thousands of errors; the observer reports it after the browser's own layout instead.
 */
function observeListSize(instance: Virtualizer<HTMLDivElement, Element>, onSize: (size: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  if (!element) return;
  const observer = new ResizeObserver(([entry]) => {
    const box = entry?.borderBoxSize?.[0];
    if (box) onSize({ width: Math.round(box.inlineSize), height: Math.round(box.blockSize) });
  });
  observer.observe(element, { box: 'border-box' });
  return () => observer.disconnect();
}

const listsAtTop = new WeakSet<Element>();

/**
 * Scrolls the list for the virtualizer, except its first scroll of a list just drawn to the top,
 * where the list is already: that scroll changes nothing, but it makes the browser lay out the
 * whole page inside the task that first draws thousands of errors.
 */
function scrollList(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>) {
  const element = instance.scrollElement;
  if (element && !listsAtTop.has(element)) {
    listsAtTop.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}

function ErrorList({ problems, viewer, selection: selectionPart, errorsExposed, providerLabel, height, errors }: ListParts & { errors: readonly ValidationError[] }) {
  const { rows, codes, filter, setFilter: onFilter, shownCount, toggleGroup: onToggleGroup, positionPaths } = problems;
  const { placed, syntaxError } = viewer;
  const view: JsonView = viewer.shown?.formatted ? 'formatted' : 'raw';
  const { current: selection, select: onSelect } = selectionPart;
  const notReported = errorsExposed === false && errors.length === 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const newRowsMeasured = useRef(false);
  const measureRowOnResize = useCallback((element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) => {
    const index = instance.indexFromElement(element);
    const known = instance.itemSizeCache.get(instance.options.getItemKey(index));
    if (entry) {
      // For the change this batch makes (the batch runs at once, in the observer's callback).
      if (known === undefined && !newRowsMeasured.current) {
        newRowsMeasured.current = true;
        queueMicrotask(() => (newRowsMeasured.current = false));
      }
      return measureFromBox(element, entry, instance);
    }
    // As its ref is attached: the size known so far, which changes nothing.
    return known ?? instance.options.estimateSize(index);
  }, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoized; nothing here memoizes on them
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: useCallback((i: number) => (rows[i]?.kind === 'group' ? 34 : 92), [rows]),
    // The same function while the rows stay the same: a new one makes the virtualizer measure all 10,000 rows again.
    // Numbers (an error's index; below 0 the parse error and the groups), not strings made on each of
    // the virtualizer's calls, which it makes for every row each time it places them.
    getItemKey: useCallback(
      (i: number) => {
        const r = rows[i]!;
        return r.kind === 'error' ? r.index : r.kind === 'syntax' ? -1 : r.group.screen === null ? -2 : -3 - r.group.screen;
      },
      [rows],
    ),
    overscan: 8,
    // Rows are measured by the virtualizer's ResizeObserver, all the rows drawn in one batch, from
    // their boxes. Measured as each row's ref is attached (the default), every row drawn
    // recomputes the positions of all the rows after it: with 10,000 errors (15,000 rows), most
    // of the time the list's first drawing took.
    measureElement: measureRowOnResize,
    observeElementRect: observeListSize,
    initialRect: LIST_SIZE_BEFORE_LAYOUT,
    scrollToFn: scrollList,
    // A batch with rows measured for the first time is drawn again before the frame is painted
    // (the virtualizer's own update would come a frame later, after those rows were painted where
    // their estimates put them); rows measured again (a row grown) wait for that update, as before.
    onChange: () => {
      if (newRowsMeasured.current) flushSync(redraw);
    },
  });

  // Bring the selected error into the list's view when it changes (from the URL, the editor or F8).
  const selectedRow = rowOf(rows, selection);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  return (
    <Stack gap="xs" component="section" aria-labelledby="problems-title">
      <Group justify="space-between" align="baseline">
        <Title order={3} size="h5" id="problems-title">
          Validation errors ({notReported ? 'not reported' : errors.length})
        </Title>
        {errors.length > 0 && (
          <Text size="xs" c="dimmed" aria-live="polite">
            Showing {shownCount} of {errors.length}
          </Text>
        )}
      </Group>
      {errors.length > 0 && (
        <>
          <TextInput
            label="Filter errors"
            placeholder="Code, message, path or screen id"
            size="xs"
            value={filter.q}
            onChange={(e) => onFilter({ q: e.currentTarget.value })}
          />
          <FilterChips
            label="Show error codes"
            gap={4}
            options={codes.map((c) => ({ value: c.code, text: `${c.code} ×${c.count}` }))}
            selected={[...filter.codes]}
            onChange={(codes) => onFilter({ codes })}
          />
        </>
      )}
      {notReported && (
        <Text size="sm" data-testid="errors-not-exposed">
          {providerLabel} does not expose a flow’s current validation errors, so none can be listed here. This does not mean the flow JSON is valid.
        </Text>
      )}
      {errors.length === 0 && !syntaxError ? (
        errorsExposed === true && (
          <Text size="sm" c="dimmed">
            The provider reports no validation errors for this flow.
          </Text>
        )
      ) : (
        <div ref={scrollRef} className={classes.scroller} style={{ height: `min(${height}, ${virtualizer.getTotalSize() + 2}px)` }} role="list" aria-label="Validation errors by screen" data-testid="problems-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className={classes.row}
                  style={{ transform: `translateY(${item.start}px)` }}
                  role="listitem"
                  aria-setsize={rows.length}
                  aria-posinset={item.index + 1}
                >
                  {row.kind === 'group' ? (
                    <GroupHeader
                      group={row.group}
                      shown={row.shown}
                      collapsed={row.collapsed}
                      errors={errors}
                      onToggle={onToggleGroup}
                    />
                  ) : row.kind === 'syntax' ? (
                    <button
                      type="button"
                      className={classes.error}
                      aria-current={selection === SYNTAX_ERROR ? 'true' : undefined}
                      onClick={() => onSelect(SYNTAX_ERROR)}
                    >
                      <Group gap={6}>
                        <Text span fw={700} size="sm">
                          {selection === SYNTAX_ERROR && <span aria-hidden>▶ </span>}JSON syntax error
                        </Text>
                        <Code>PARSE_ERROR</Code>
                      </Group>
                      <Text size="sm">
                        {syntaxError!.message} at line {syntaxError!.line}, column {syntaxError!.column}
                      </Text>
                    </button>
                  ) : (
                    <ErrorRow
                      index={row.index}
                      error={errors[row.index]!}
                      positionPath={positionPaths.get(row.index)}
                      placed={placed?.[row.index]}
                      view={view}
                      selected={selection === row.index}
                      onSelect={onSelect}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {errors.length > 0 && shownCount === 0 && (
        <Text size="sm" c="dimmed">
          No error matches the filter.
        </Text>
      )}
    </Stack>
  );
}
