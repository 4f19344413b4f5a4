/** Positions of the screen map's nodes and edges, layered left to right: by dagre for small maps, by `layeredLayout` for larger ones. */
import { Graph, layout } from '@dagrejs/dagre';
import type { ScreenGraph } from './graph';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 64;
/** The endpoint node's id in the layout ("decided by the endpoint"). */
const ENDPOINT = 'endpoint';

export interface MapLayout {
  width: number;
  height: number;
  nodes: { index: number; x: number; y: number }[];
  endpoint: { x: number; y: number } | null;
  edges: { from: number; to: number | null; points: { x: number; y: number }[] }[];
}

/**
 * Past this many screens the map draws only the nodes in view (see ScreenMap); up to it, every
 * node is in the DOM.
 */
export const LAYERED_LAYOUT_MAX = 400;

/**
 * Past this many screens the map is laid out by `layeredLayout` (linear, under a millisecond for
 * 100 screens) instead of dagre: dagre took 180 to 300 ms for a 100-screen flow even without its
 * crossing sweeps, in the worker, before the map could be drawn.
 */
export const DAGRE_LAYOUT_MAX = 50;

export function layoutScreenGraph(graph: ScreenGraph): MapLayout {
  if (graph.nodes.length > DAGRE_LAYOUT_MAX) return layeredLayout(graph);
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(String(n.index), { width: NODE_WIDTH, height: NODE_HEIGHT });
  const hasEndpoint = graph.edges.some((e) => e.to === null && e.missing === undefined);
  if (hasEndpoint) g.setNode(ENDPOINT, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const drawn = graph.edges.filter((e) => e.missing === undefined && e.from !== e.to);
  for (const e of drawn) g.setEdge(String(e.from), e.to === null ? ENDPOINT : String(e.to));
  layout(g);
  const label = g.graph();
  const point = (id: string) => {
    const n = g.node(id);
    return { x: n.x, y: n.y };
  };
  return {
    width: label.width ?? 0,
    height: label.height ?? 0,
    nodes: graph.nodes.map((n) => ({ index: n.index, ...point(String(n.index)) })),
    endpoint: hasEndpoint ? point(ENDPOINT) : null,
    edges: drawn.map((e) => ({
      from: e.from,
      to: e.to,
      points: g.edge(String(e.from), e.to === null ? ENDPOINT : String(e.to)).points ?? [],
    })),
  };
}

const GAP_X = 56;
const GAP_Y = 24;
const MARGIN = 16;

/**
 * A layered layout in linear time, for maps too big for dagre: columns by distance from the first
 * screen (breadth first over the edges; screens no edge reaches in a last column), each column
 * ordered by where its screens' predecessors sit in the columns before (one sweep of barycentres,
 * so edges cross less) and centred on the tallest; straight edges between the nodes' sides.
 */
export function layeredLayout(graph: ScreenGraph): MapLayout {
  const n = graph.nodes.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    if (e.to === null || e.from === e.to) continue;
    out[e.from]!.push(e.to);
    into[e.to]!.push(e.from);
  }
  const rank = new Array<number>(n).fill(-1);
  const queue: number[] = [];
  if (n > 0) {
    rank[0] = 0;
    queue.push(0);
  }
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const to of out[at]!) {
      if (rank[to] !== -1) continue;
      rank[to] = rank[at]! + 1;
      queue.push(to);
    }
  }
  const maxRank = Math.max(0, ...rank);
  const columns: number[][] = Array.from({ length: maxRank + 2 }, () => []);
  // Breadth-first order within a column, then screens nothing reaches in document order.
  for (const i of queue) columns[rank[i]!]!.push(i);
  for (let i = 0; i < n; i++) if (rank[i] === -1) columns[maxRank + 1]!.push(i);
  const row = new Float64Array(n);
  columns.forEach((column, c) => {
    if (c > 0 && c <= maxRank) {
      // Barycentre of each screen's predecessors in the columns before; keeps the breadth-first order on ties.
      const weight = new Map<number, number>();
      column.forEach((i, k) => {
        let sum = 0;
        let count = 0;
        for (const from of into[i]!) {
          if (rank[from]! < c) {
            sum += row[from]!;
            count++;
          }
        }
        weight.set(i, count > 0 ? sum / count : k);
      });
      column.sort((a, b) => weight.get(a)! - weight.get(b)!);
    }
    column.forEach((i, k) => (row[i] = k));
  });
  const hasEndpoint = graph.edges.some((e) => e.to === null && e.missing === undefined);
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const centre = (c: number, r: number, size: number) => ({
    x: MARGIN + c * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2,
    y: MARGIN + (r + (tallest - size) / 2) * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT / 2,
  });
  const at: { x: number; y: number }[] = new Array(n);
  columns.forEach((column, c) => column.forEach((i, r) => (at[i] = centre(c, r, column.length))));
  const usedColumns = columns[maxRank + 1]!.length > 0 ? maxRank + 2 : maxRank + 1;
  const endpoint = hasEndpoint ? centre(usedColumns, 0, 1) : null;
  const side = (p: { x: number; y: number }, dx: number) => ({ x: p.x + dx, y: p.y });
  const edges = graph.edges
    .filter((e) => e.missing === undefined && e.from !== e.to)
    .map((e) => {
      const from = at[e.from]!;
      const to = e.to === null ? endpoint! : at[e.to]!;
      const dir = to.x >= from.x ? 1 : -1;
      return { from: e.from, to: e.to, points: [side(from, (dir * NODE_WIDTH) / 2), side(to, (-dir * NODE_WIDTH) / 2)] };
    });
  return {
    width: MARGIN * 2 + (usedColumns + (hasEndpoint ? 1 : 0)) * (NODE_WIDTH + GAP_X) - GAP_X,
    height: MARGIN * 2 + tallest * (NODE_HEIGHT + GAP_Y) - GAP_Y,
    nodes: graph.nodes.map((node) => ({ index: node.index, ...at[node.index]! })),
    endpoint,
    edges,
  };
}
