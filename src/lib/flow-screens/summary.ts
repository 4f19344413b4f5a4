/**
 * What the screens view needs from a flow JSON, computed from ONE parse (in the flow JSON worker):
 * the screen map and its layout, and each screen's JSON on its own, so the page parses only the
 * screen it shows (never the whole document on the main thread).
 */
import { findJsonSyntaxError, screenIdsOfFlow, type FlowJsonInspection } from '../json-positions';
import { buildScreenGraph, type ScreenGraph } from './graph';
import { layoutScreenGraph, type MapLayout } from './layout';

export interface FlowScreens {
  /** The map without error counts (see `withErrorCounts`). */
  graph: ScreenGraph;
  layout: MapLayout;
  /**
   * `JSON.stringify` of every screen, one after the other: screen i is
   * `screensText.slice(screenStarts[i], screenStarts[i + 1])`. One string and one typed array
   * cross from the worker to the page in a copy of memory; thousands of strings took 50 ms and more.
   */
  screensText: string;
  screenStarts: Uint32Array;
}

export interface FlowInspection extends FlowJsonInspection {
  /** Null when the text does not parse or has no screens list. */
  screens: FlowScreens | null;
  /** When `JSON.parse` finished, by the clock given to `inspectFlowScreens` (the worker's, for the benchmark). */
  parsedAt?: number;
}

export function summarizeScreens(flow: unknown): FlowScreens | null {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return null;
  const graph = buildScreenGraph(flow);
  const texts = screens.map((s) => JSON.stringify(s) ?? 'null');
  const screenStarts = new Uint32Array(texts.length + 1);
  for (let i = 0; i < texts.length; i++) screenStarts[i + 1] = screenStarts[i]! + texts[i]!.length;
  return { graph, layout: layoutScreenGraph(graph), screensText: texts.join(''), screenStarts };
}

/**
 * The parse check, screen ids and screens of a flow JSON text, with one `JSON.parse`. With a
 * `clock`, the result says when the parse finished (`parsedAt`).
 */
export function inspectFlowScreens(text: string, clock?: () => number): FlowInspection {
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch {
    return { syntaxError: findJsonSyntaxError(text), screenIds: [], screens: null };
  }
  const parsedAt = clock?.();
  const inspection: FlowInspection = { syntaxError: null, screenIds: screenIdsOfFlow(flow), screens: summarizeScreens(flow) };
  if (parsedAt !== undefined) inspection.parsedAt = parsedAt;
  return inspection;
}

/** The screen's JSON value, parsed from its text; undefined for an index out of range. */
export function parseScreen(screens: FlowScreens, index: number): unknown {
  if (!Number.isInteger(index) || index < 0 || index + 1 >= screens.screenStarts.length) return undefined;
  return JSON.parse(screens.screensText.slice(screens.screenStarts[index], screens.screenStarts[index + 1])) as unknown;
}
