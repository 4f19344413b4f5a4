/**
 * What the screens view needs from a flow JSON, computed from ONE parse (in the flow JSON worker):
 * the screen map and its layout, and the JSON of the screen the page shows first. Any other
 * screen's JSON the worker parses from its place in the text: the page never parses the whole
 * document, and no copy of every screen crosses from the worker.
 */
import { findJsonSyntaxError, screenIdsOfFlow, type FlowJsonInspection } from '../json-positions';
import { buildScreenGraph, type ScreenGraph } from './graph';
import { layoutScreenGraph, type MapLayout } from './layout';

export interface FlowScreens {
  /** The map without error counts (see `withErrorCounts`). */
  graph: ScreenGraph;
  layout: MapLayout;
}

/** The screen to send with the map: the screen with id `id` where the flow has one, else screen `index`. */
export interface ScreenWanted {
  id: string | null;
  index: number;
}

export interface FlowInspection extends FlowJsonInspection {
  /** Null when the text does not parse or has no screens list. */
  screens: FlowScreens | null;
  /** The JSON of the screen asked for (`ScreenWanted`); absent when the flow has no such screen. */
  shown?: { index: number; value: unknown };
  /** When `JSON.parse` finished and when the whole inspection did, by the clock given to `inspectFlowScreens` (the worker's, for the benchmark). */
  parsedAt?: number;
  finishedAt?: number;
}

/** The screens view of a parsed flow. */
export function summarizeScreens(flow: unknown): FlowScreens | null {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return null;
  const graph = buildScreenGraph(flow);
  return { graph, layout: layoutScreenGraph(graph) };
}

/** Screen `index`'s JSON value in a parsed flow; undefined for an index out of range. */
export function screenOf(flow: unknown, index: number): unknown {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  return Array.isArray(screens) && Number.isInteger(index) && index >= 0 ? (screens[index] as unknown) : undefined;
}

export interface InspectOptions {
  /** The screen whose JSON comes with the map. */
  wanted?: ScreenWanted;
  /** With a clock, the result says when the parse finished (`parsedAt`) and when the inspection did. */
  clock?: () => number;
}

/** The parse check, screen ids, screens and the wanted screen's JSON of a flow JSON text, with one `JSON.parse`. */
export function inspectFlowScreens(text: string, { wanted, clock }: InspectOptions = {}): FlowInspection {
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch {
    return { syntaxError: findJsonSyntaxError(text), screenIds: [], screens: null };
  }
  const parsedAt = clock?.();
  const screens = summarizeScreens(flow);
  const inspection: FlowInspection = { syntaxError: null, screenIds: screenIdsOfFlow(flow), screens };
  if (screens && wanted) {
    const byId = wanted.id === null ? -1 : screens.graph.nodes.findIndex((n) => n.id === wanted.id);
    const index = byId !== -1 ? byId : wanted.index;
    if (index >= 0 && index < screens.graph.nodes.length) inspection.shown = { index, value: screenOf(flow, index) };
  }
  if (clock) {
    inspection.parsedAt = parsedAt;
    inspection.finishedAt = clock();
  }
  return inspection;
}
