/**
 * The flow JSON work. Errors with a usable reported position within the viewer's first piece are
 * placed right here, on the main thread (a few milliseconds: no JSON pass), so the first screen
 * shows them at once; the rest, and everything that needs a JSON pass (errors found by path, the
 * parse check and screen ids, formatting), runs in the worker, as queries cached per downloaded
 * text. Every result carries the text it belongs to (`source`): marks are only ever drawn on that
 * exact text.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { flowKeys } from '../../../api/flows';
import {
  completePlacement,
  placeByPosition,
  type FormattedFlowJson,
  type JsonPath,
  type PlacedError,
  type PlacedErrors,
} from '../../../lib/json-positions';
import type { FlowInspection, ScreenWanted } from '../../../lib/flow-screens';
import type { ChannelRef, ValidationError } from '../../../model/flow';
import { FLOW_JSON_INSPECT_DONE_MARK, FLOW_JSON_INSPECTED_MARK, FLOW_JSON_PARSED_MARK, mark, markAt, timed } from '../timing';
import { FIRST_PIECE_MAX, PIECE_SLACK } from '../viewer/chunks';
import { runFlowJsonOperation } from './client';

export interface FlowJsonInput {
  ref: ChannelRef;
  flowId: string;
  /** The JSON text exactly as downloaded, and when it was (to key the cache). */
  text: string | undefined;
  /** Where its lines start, when known already. */
  lineStarts?: Uint32Array;
  textUpdatedAt: number;
  /** The provider's errors, and when they were fetched. */
  errors: ValidationError[] | undefined;
  errorsUpdatedAt: number;
}

type WithSource<T> = T & { source: string };

const workKey = (op: string, input: FlowJsonInput, withErrors: boolean) =>
  ['flow-json-work', op, ...flowKeys.json(input.ref, input.flowId), input.textUpdatedAt, withErrors ? input.errorsUpdatedAt : 0] as const;

// Results are derived from cached data; they never go stale, and a large formatted text is not kept long.
const common = { staleTime: Infinity, gcTime: 60_000, retry: false } as const;

/** Placement of the errors left `pending` on the main thread (by path, or beyond the first screen), in the worker. */
export const placePendingQueryOptions = (input: FlowJsonInput, pending: readonly ValidationError[] | null) =>
  queryOptions({
    ...common,
    queryKey: workKey('place-pending', input, true),
    queryFn: async (): Promise<WithSource<PlacedErrors>> => ({
      source: input.text!,
      ...(await runFlowJsonOperation('place', input.text!, [...pending!])),
    }),
    enabled: input.text !== undefined && pending !== null && pending.length > 0,
  });

/**
 * The parse check, screen ids and screen map, with the JSON of the screen `wanted` (the one the
 * page expects to show first), so the map and that screen arrive in one answer. Not part of the
 * key: a later guess does not read the JSON again (`screenQueryOptions` brings other screens).
 */
export const inspectQueryOptions = (input: FlowJsonInput, wanted?: ScreenWanted) =>
  queryOptions({
    ...common,
    queryKey: workKey('inspect', input, false),
    queryFn: async (): Promise<WithSource<FlowInspection>> => {
      const result = await runFlowJsonOperation('inspect', input.text!, wanted);
      mark(FLOW_JSON_INSPECTED_MARK);
      if (result.parsedAt !== undefined) markAt(FLOW_JSON_PARSED_MARK, result.parsedAt);
      if (result.finishedAt !== undefined) markAt(FLOW_JSON_INSPECT_DONE_MARK, result.finishedAt);
      return { source: input.text!, ...result };
    },
    enabled: input.text !== undefined,
  });

/** Screen `index`'s JSON, from the worker's parse of the text (after the inspection that made it). */
export const screenQueryOptions = (input: FlowJsonInput, index: number, wanted: boolean) =>
  queryOptions({
    ...common,
    queryKey: [...workKey('screen', input, false), index] as const,
    queryFn: async (): Promise<WithSource<{ index: number; value: unknown }>> => ({
      source: input.text!,
      index,
      value: await runFlowJsonOperation('screen', input.text!, index),
    }),
    enabled: wanted && input.text !== undefined,
  });

export const formatQueryOptions = (input: FlowJsonInput, wanted: boolean) =>
  queryOptions({
    ...common,
    queryKey: workKey('format', input, true),
    queryFn: async (): Promise<WithSource<FormattedFlowJson>> => ({
      source: input.text!,
      ...(await runFlowJsonOperation('format', input.text!, input.errors!)),
    }),
    enabled: wanted && input.text !== undefined && input.errors !== undefined,
  });

/**
 * The JSON paths that the reported positions of errors without a pointer path point at, in the
 * worker (a JSON pass): such errors (a provider's text errors, with a line and column only) are
 * then put on their screen and component too. `indices` are the errors to look at.
 */
export const positionPathsQueryOptions = (input: FlowJsonInput, indices: readonly number[]) =>
  queryOptions({
    ...common,
    queryKey: workKey('position-paths', input, true),
    queryFn: async (): Promise<WithSource<{ paths: ReadonlyMap<number, JsonPath> }>> => {
      const found = await runFlowJsonOperation('paths', input.text!, indices.map((i) => input.errors![i]!));
      const paths = new Map<number, JsonPath>();
      found.forEach((path, k) => path && paths.set(indices[k]!, path));
      return { source: input.text!, paths };
    },
    enabled: input.text !== undefined && input.errors !== undefined && indices.length > 0,
  });

const NO_PATHS: ReadonlyMap<number, JsonPath> = new Map();

/** `positionPathsQueryOptions` for the downloaded text: error index → path; empty until known (or when there is nothing to look up). */
export function usePositionPaths(input: FlowJsonInput, withoutPath: readonly number[]): ReadonlyMap<number, JsonPath> {
  const { errors } = input;
  const indices = useMemo(() => (errors ? withoutPath.filter((i) => hasPosition(errors[i]!)) : []), [errors, withoutPath]);
  const { data } = useQuery(positionPathsQueryOptions(input, indices));
  return data && data.source === input.text && indices.length > 0 ? data.paths : NO_PATHS;
}

const hasPosition = (error: ValidationError) => error.lineStart !== null || error.pointers.some((p) => p.lineStart !== null);

/** The errors' placement, possibly partial: undefined entries are still being placed in the worker. */
export type Placement = { source: string; placed: readonly (PlacedError | undefined)[]; lineCount: number; complete: boolean };

/** Placement in the downloaded text, the parse check and screens (with `screenWanted`'s JSON), and the formatted text when wanted. */
export function useFlowJsonWork(input: FlowJsonInput, formattedWanted: boolean, screenWanted?: ScreenWanted) {
  const { text, lineStarts, errors } = input;
  const positional = useMemo(
    () =>
      text !== undefined && errors
        ? // Errors beyond what the viewer's first piece can show are placed in the worker, after the first screen.
          timed('flow-json:place', () => ({ source: text, ...placeByPosition(text, errors, lineStarts, FIRST_PIECE_MAX + PIECE_SLACK) }))
        : undefined,
    [text, lineStarts, errors],
  );
  const pending = useMemo(() => (positional && errors ? positional.pending.map((i) => errors[i]!) : null), [positional, errors]);
  // The inspection first, and the placement asked for once it is in: the screens wait on neither
  // the placement's work nor the page's render of its answer (both after the screens' frame).
  const inspect = useQuery(inspectQueryOptions(input, screenWanted));
  const inspected = inspect.data?.source === text || inspect.isError;
  const place = useQuery(placePendingQueryOptions(input, inspected ? pending : null));
  const canFormat = inspect.data?.source === text && inspect.data?.syntaxError === null;
  const format = useQuery(formatQueryOptions(input, formattedWanted && canFormat));
  const fresh = <T extends { source: string }>(data: T | undefined) => (data && data.source === text ? data : undefined);
  const rest = fresh(place.data);
  const placed = useMemo((): Placement | undefined => {
    if (!positional) return undefined;
    if (positional.pending.length === 0) return { ...positional, complete: true };
    if (rest) return { source: positional.source, ...completePlacement(positional, rest.placed), complete: true };
    return { ...positional, complete: false };
  }, [positional, rest]);
  return { place, inspect, format, placed, inspection: fresh(inspect.data), formatted: fresh(format.data) };
}

/**
 * Screen `index`'s JSON once the text is inspected: the one the inspection brought when it is that
 * screen, else asked of the worker. `ready` is false while it comes.
 */
export function useScreenJson(input: FlowJsonInput, inspection: FlowInspection | undefined, index: number | null) {
  const brought = inspection?.shown?.index === index ? inspection.shown : undefined;
  const asked = useQuery(screenQueryOptions(input, index ?? -1, inspection !== undefined && index !== null && brought === undefined));
  const answered = asked.data && asked.data.source === input.text && asked.data.index === index ? asked.data : undefined;
  const found = brought ?? answered;
  return { ready: found !== undefined, value: found?.value, error: brought ? null : asked.error };
}
