/**
 * The screens view in a form that crosses from the worker to the page cheaply: numbers in typed
 * arrays (moved, not copied), strings in plain arrays. A 5,000-screen map as objects is some
 * 20,000 small objects, which the browser copies one by one on both sides (the page's share was
 * 25-40 ms of its main thread on a busy machine, before the map could be drawn); packed, it is a
 * few arrays. `unpackScreens(packScreens(s))` equals `s`.
 */
import type { EdgeKind, ScreenGraph } from './graph';
import type { MapLayout } from './layout';
import type { FlowScreens } from './summary';

const KINDS: readonly EdgeKind[] = ['routing', 'navigate', 'endpoint'];
/** `to` of an edge to "decided by the endpoint". */
const NONE = -1;

export interface PackedScreens {
  ids: string[];
  titles: (string | null)[];
  /** Per node: 1 terminal, 2 unreachable. */
  flags: Uint8Array;
  errorCounts: Uint32Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeKind: Uint8Array;
  /** [edge index, the screen id it names that no screen has]. */
  missing: [number, string][];
  width: number;
  height: number;
  endpoint: { x: number; y: number } | null;
  /** x and y of node i at 2i and 2i + 1. */
  nodeXY: Float64Array;
  lineFrom: Int32Array;
  lineTo: Int32Array;
  /** The points of drawn edge k are `points[2 * pointStart[k]]` up to `points[2 * pointStart[k + 1]]`, x then y. */
  pointStart: Int32Array;
  points: Float64Array;
}

/** The packed form and the buffers to transfer with it. */
export function packScreens({ graph, layout }: FlowScreens): { packed: PackedScreens; transfer: ArrayBuffer[] } {
  const n = graph.nodes.length;
  const flags = new Uint8Array(n);
  const errorCounts = new Uint32Array(n);
  const nodeXY = new Float64Array(2 * n);
  const ids: string[] = new Array(n);
  const titles: (string | null)[] = new Array(n);
  graph.nodes.forEach((node, i) => {
    if (node.index !== i) throw new Error('screen map nodes out of order');
    ids[i] = node.id;
    titles[i] = node.title;
    flags[i] = (node.terminal ? 1 : 0) | (node.unreachable ? 2 : 0);
    errorCounts[i] = node.errorCount;
  });
  layout.nodes.forEach((at, i) => {
    if (at.index !== i) throw new Error('screen map layout out of order');
    nodeXY[2 * i] = at.x;
    nodeXY[2 * i + 1] = at.y;
  });
  const m = graph.edges.length;
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const edgeKind = new Uint8Array(m);
  const missing: [number, string][] = [];
  graph.edges.forEach((e, k) => {
    edgeFrom[k] = e.from;
    edgeTo[k] = e.to ?? NONE;
    edgeKind[k] = KINDS.indexOf(e.kind);
    if (e.missing !== undefined) missing.push([k, e.missing]);
  });
  const lines = layout.edges.length;
  const lineFrom = new Int32Array(lines);
  const lineTo = new Int32Array(lines);
  const pointStart = new Int32Array(lines + 1);
  layout.edges.forEach((e, k) => {
    lineFrom[k] = e.from;
    lineTo[k] = e.to ?? NONE;
    pointStart[k + 1] = pointStart[k]! + e.points.length;
  });
  const points = new Float64Array(2 * pointStart[lines]!);
  layout.edges.forEach((e, k) => {
    e.points.forEach((p, j) => {
      points[2 * (pointStart[k]! + j)] = p.x;
      points[2 * (pointStart[k]! + j) + 1] = p.y;
    });
  });
  const packed: PackedScreens = {
    ids,
    titles,
    flags,
    errorCounts,
    edgeFrom,
    edgeTo,
    edgeKind,
    missing,
    width: layout.width,
    height: layout.height,
    endpoint: layout.endpoint,
    nodeXY,
    lineFrom,
    lineTo,
    pointStart,
    points,
  };
  const transfer = [flags, errorCounts, edgeFrom, edgeTo, edgeKind, nodeXY, lineFrom, lineTo, pointStart, points].map((a) => a.buffer as ArrayBuffer);
  return { packed, transfer };
}

/** The screens view `packScreens` packed. */
export function unpackScreens(p: PackedScreens): FlowScreens {
  const n = p.ids.length;
  const nodes: ScreenGraph['nodes'] = new Array(n);
  const layoutNodes: MapLayout['nodes'] = new Array(n);
  for (let i = 0; i < n; i++) {
    const flag = p.flags[i]!;
    nodes[i] = { index: i, id: p.ids[i]!, title: p.titles[i]!, terminal: (flag & 1) !== 0, unreachable: (flag & 2) !== 0, errorCount: p.errorCounts[i]! };
    layoutNodes[i] = { index: i, x: p.nodeXY[2 * i]!, y: p.nodeXY[2 * i + 1]! };
  }
  const missing = new Map(p.missing);
  const edges: ScreenGraph['edges'] = new Array(p.edgeFrom.length);
  for (let k = 0; k < edges.length; k++) {
    const to = p.edgeTo[k]!;
    const edge = { from: p.edgeFrom[k]!, to: to === NONE ? null : to, kind: KINDS[p.edgeKind[k]!]! };
    const named = missing.get(k);
    edges[k] = named === undefined ? edge : { ...edge, missing: named };
  }
  const lines: MapLayout['edges'] = new Array(p.lineFrom.length);
  for (let k = 0; k < lines.length; k++) {
    const points: { x: number; y: number }[] = [];
    for (let j = p.pointStart[k]!; j < p.pointStart[k + 1]!; j++) points.push({ x: p.points[2 * j]!, y: p.points[2 * j + 1]! });
    const to = p.lineTo[k]!;
    lines[k] = { from: p.lineFrom[k]!, to: to === NONE ? null : to, points };
  }
  return {
    graph: { nodes, edges },
    layout: { width: p.width, height: p.height, nodes: layoutNodes, endpoint: p.endpoint, edges: lines },
  };
}
