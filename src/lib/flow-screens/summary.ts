/**
 * What the screens view needs from a flow JSON, computed from ONE parse (in the flow JSON worker):
 * the screen map and its layout, and where each screen's JSON lies in the text, so the page parses
 * only the screen it shows (never the whole document on the main thread).
 */
import { findJsonSyntaxError, screenIdsOfFlow, type FlowJsonInspection } from '../json-positions';
import { buildScreenGraph, type ScreenGraph } from './graph';
import { layoutScreenGraph, type MapLayout } from './layout';
import { screenRanges } from './ranges';

export interface FlowScreens {
  /** The map without error counts (see `withErrorCounts`). */
  graph: ScreenGraph;
  layout: MapLayout;
  /**
   * Where each screen's JSON lies: screen i is `.slice(screenRanges[2i], screenRanges[2i + 1])` of
   * `screensText` when set, else of the inspected text itself (see `parseScreen`). The page slices
   * the text it already holds, so no copy of the screens crosses from the worker.
   */
  screenRanges: Uint32Array;
  /** The screens' JSON one after the other, when they were not found in the text (`screenRanges`). */
  screensText?: string;
}

export interface FlowInspection extends FlowJsonInspection {
  /** Null when the text does not parse or has no screens list. */
  screens: FlowScreens | null;
  /** When `JSON.parse` finished and when the whole inspection did, by the clock given to `inspectFlowScreens` (the worker's, for the benchmark). */
  parsedAt?: number;
  finishedAt?: number;
}

/** The screens view of a parsed flow; with its `text`, the screens are found in that text instead of written out again. */
export function summarizeScreens(flow: unknown, text?: string): FlowScreens | null {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return null;
  const graph = buildScreenGraph(flow);
  const layout = layoutScreenGraph(graph);
  const inText = text === undefined ? null : screenRanges(text);
  if (inText && inText.length === screens.length * 2) return { graph, layout, screenRanges: inText };
  const texts = screens.map((s) => JSON.stringify(s) ?? 'null');
  const ranges = new Uint32Array(texts.length * 2);
  let at = 0;
  texts.forEach((t, i) => {
    ranges[2 * i] = at;
    ranges[2 * i + 1] = at += t.length;
  });
  return { graph, layout, screenRanges: ranges, screensText: texts.join('') };
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
  const inspection: FlowInspection = { syntaxError: null, screenIds: screenIdsOfFlow(flow), screens: summarizeScreens(flow, text) };
  if (clock) {
    inspection.parsedAt = parsedAt;
    inspection.finishedAt = clock();
  }
  return inspection;
}

/** The screen's JSON value, parsed from `text` (the inspected text); undefined for an index out of range. */
export function parseScreen(screens: FlowScreens, index: number, text: string): unknown {
  const { screenRanges: ranges } = screens;
  if (!Number.isInteger(index) || index < 0 || 2 * index + 1 >= ranges.length) return undefined;
  return JSON.parse((screens.screensText ?? text).slice(ranges[2 * index], ranges[2 * index + 1])) as unknown;
}
