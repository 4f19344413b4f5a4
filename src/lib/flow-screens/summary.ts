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
  /** `JSON.stringify` of each screen, by index. */
  screenTexts: string[];
}

export interface FlowInspection extends FlowJsonInspection {
  /** Null when the text does not parse or has no screens list. */
  screens: FlowScreens | null;
}

export function summarizeScreens(flow: unknown): FlowScreens | null {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return null;
  const graph = buildScreenGraph(flow);
  return { graph, layout: layoutScreenGraph(graph), screenTexts: screens.map((s) => JSON.stringify(s) ?? 'null') };
}

/** The parse check, screen ids and screens of a flow JSON text, with one `JSON.parse`. */
export function inspectFlowScreens(text: string): FlowInspection {
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch {
    return { syntaxError: findJsonSyntaxError(text), screenIds: [], screens: null };
  }
  return { syntaxError: null, screenIds: screenIdsOfFlow(flow), screens: summarizeScreens(flow) };
}

/** The screen's JSON value, parsed from its text; undefined for an index out of range. */
export function parseScreen(screens: FlowScreens, index: number): unknown {
  const text = screens.screenTexts[index];
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}
