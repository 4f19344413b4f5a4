/** Positions of the screen map's nodes and edges, layered left to right: by dagre for small maps, by `layeredLayout` for larger ones. */
import { Graph, layout } from '@dagrejs/dagre';
import { groupBy, type ScreenGraph } from './graph';

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
 * Numbers per node live in typed arrays: this runs in the worker right after the parse, where
 * allocating little keeps the map ahead of the parse's first garbage collection (see buildScreenGraph).
 */
export function layeredLayout(graph: ScreenGraph): MapLayout {
  const n = graph.nodes.length;
  const links = graph.edges.filter((e) => e.to !== null && e.from !== e.to) as { from: number; to: number }[];
  const out = groupBy(n, links, (e) => e.from, (e) => e.to);
  const into = groupBy(n, links, (e) => e.to, (e) => e.from);
  const rank = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let tail = 0;
  if (n > 0) {
    rank[0] = 0;
    queue[tail++] = 0;
  }
  for (let head = 0; head < tail; head++) {
    const at = queue[head]!;
    for (let k = out.start[at]!; k < out.start[at + 1]!; k++) {
      const to = out.item[k]!;
      if (rank[to] !== -1) continue;
      rank[to] = rank[at]! + 1;
      queue[tail++] = to;
    }
  }
  let maxRank = 0;
  for (let i = 0; i < n; i++) if (rank[i]! > maxRank) maxRank = rank[i]!;
  const columns: number[][] = Array.from({ length: maxRank + 2 }, () => []);
  // Breadth-first order within a column, then screens nothing reaches in document order.
  for (let k = 0; k < tail; k++) columns[rank[queue[k]!]!]!.push(queue[k]!);
  for (let i = 0; i < n; i++) if (rank[i] === -1) columns[maxRank + 1]!.push(i);
  const row = new Float64Array(n);
  const weight = new Float64Array(n);
  const byWeight = (a: number, b: number) => weight[a]! - weight[b]!;
  columns.forEach((column, c) => {
    if (c > 0 && c <= maxRank) {
      // Barycentre of each screen's predecessors in the columns before; keeps the breadth-first order on ties.
      column.forEach((i, k) => {
        let sum = 0;
        let count = 0;
        for (let j = into.start[i]!; j < into.start[i + 1]!; j++) {
          const from = into.item[j]!;
          if (rank[from]! < c) {
            sum += row[from]!;
            count++;
          }
        }
        weight[i] = count > 0 ? sum / count : k;
      });
      column.sort(byWeight);
    }
    column.forEach((i, k) => (row[i] = k));
  });
  const hasEndpoint = graph.edges.some((e) => e.to === null && e.missing === undefined);
  let tallest = 1;
  for (const column of columns) if (column.length > tallest) tallest = column.length;
  const centreX = (c: number) => MARGIN + c * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2;
  const centreY = (r: number, size: number) => MARGIN + (r + (tallest - size) / 2) * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  columns.forEach((column, c) =>
    column.forEach((i, r) => {
      xs[i] = centreX(c);
      ys[i] = centreY(r, column.length);
    }),
  );
  const usedColumns = columns[maxRank + 1]!.length > 0 ? maxRank + 2 : maxRank + 1;
  const endpoint = hasEndpoint ? { x: centreX(usedColumns), y: centreY(0, 1) } : null;
  const edges = graph.edges
    .filter((e) => e.missing === undefined && e.from !== e.to)
    .map((e) => {
      const fromX = xs[e.from]!;
      const toX = e.to === null ? endpoint!.x : xs[e.to]!;
      const toY = e.to === null ? endpoint!.y : ys[e.to]!;
      const half = toX >= fromX ? NODE_WIDTH / 2 : -NODE_WIDTH / 2;
      return { from: e.from, to: e.to, points: [{ x: fromX + half, y: ys[e.from]! }, { x: toX - half, y: toY }] };
    });
  const nodes: MapLayout['nodes'] = new Array(n);
  for (let i = 0; i < n; i++) nodes[i] = { index: graph.nodes[i]!.index, x: xs[graph.nodes[i]!.index]!, y: ys[graph.nodes[i]!.index]! };
  return {
    width: MARGIN * 2 + (usedColumns + (hasEndpoint ? 1 : 0)) * (NODE_WIDTH + GAP_X) - GAP_X,
    height: MARGIN * 2 + tallest * (NODE_HEIGHT + GAP_Y) - GAP_Y,
    nodes,
    endpoint,
    edges,
  };
}
