/** Positions of the screen map's nodes and edges, laid out by dagre (layered, left to right). */
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

/** Past this many screens dagre takes seconds; a grid by distance from the first screen is used. */
export const LAYERED_LAYOUT_MAX = 400;

/**
 * Past this many screens dagre keeps its first ordering of each column instead of sweeping to
 * reduce crossings: the sweeps were two thirds of the layout of a 100-screen flow (100 to 300 ms
 * in the worker, before the map can be drawn), for a map that stays readable without them.
 */
export const CROSSING_SWEEPS_MAX = 50;

export function layoutScreenGraph(graph: ScreenGraph): MapLayout {
  if (graph.nodes.length > LAYERED_LAYOUT_MAX) return gridLayout(graph);
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(String(n.index), { width: NODE_WIDTH, height: NODE_HEIGHT });
  const hasEndpoint = graph.edges.some((e) => e.to === null && e.missing === undefined);
  if (hasEndpoint) g.setNode(ENDPOINT, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const drawn = graph.edges.filter((e) => e.missing === undefined && e.from !== e.to);
  for (const e of drawn) g.setEdge(String(e.from), e.to === null ? ENDPOINT : String(e.to));
  layout(g, { disableOptimalOrderHeuristic: graph.nodes.length > CROSSING_SWEEPS_MAX });
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
 * Columns by distance from the first screen (breadth first over the edges), unreached screens in
 * a last column; straight edges. Linear in screens and edges, for flows too big for dagre.
 */
function gridLayout(graph: ScreenGraph): MapLayout {
  const n = graph.nodes.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) if (e.to !== null && e.from !== e.to) out[e.from]!.push(e.to);
  const rank = new Array<number>(n).fill(-1);
  rank[0] = 0;
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const to of out[at]!) {
      if (rank[to] !== -1) continue;
      rank[to] = rank[at]! + 1;
      queue.push(to);
    }
  }
  const maxRank = Math.max(0, ...rank);
  const hasEndpoint = graph.edges.some((e) => e.to === null && e.missing === undefined);
  const rows: number[] = [];
  const centre = (r: number, row: number) => ({ x: MARGIN + r * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2, y: MARGIN + row * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT / 2 });
  const nodes = graph.nodes.map((node) => {
    const r = rank[node.index] === -1 ? maxRank + 1 : rank[node.index]!;
    const row = rows[r] ?? 0;
    rows[r] = row + 1;
    return { index: node.index, ...centre(r, row) };
  });
  const endpoint = hasEndpoint ? centre(maxRank + 2, 0) : null;
  const columns = maxRank + 2 + (hasEndpoint ? 1 : 0);
  const tallest = Math.max(1, ...rows.filter((r) => r !== undefined));
  const side = (p: { x: number; y: number }, dx: number) => ({ x: p.x + dx, y: p.y });
  const edges = graph.edges
    .filter((e) => e.missing === undefined && e.from !== e.to)
    .map((e) => {
      const from = nodes[e.from]!;
      const to = e.to === null ? endpoint! : nodes[e.to]!;
      const dir = to.x >= from.x ? 1 : -1;
      return { from: e.from, to: e.to, points: [side(from, (dir * NODE_WIDTH) / 2), side(to, (-dir * NODE_WIDTH) / 2)] };
    });
  return {
    width: MARGIN * 2 + columns * (NODE_WIDTH + GAP_X),
    height: MARGIN * 2 + tallest * (NODE_HEIGHT + GAP_Y),
    nodes,
    endpoint,
    edges,
  };
}
