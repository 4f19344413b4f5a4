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

export function layoutScreenGraph(graph: ScreenGraph): MapLayout {
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
