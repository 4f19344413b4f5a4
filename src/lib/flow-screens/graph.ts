/**
 * The screen map of a flow JSON: screens as nodes, edges from `routing_model` where present and
 * from `navigate` actions otherwise; `data_exchange` actions whose next screen the JSON does not
 * name lead to the endpoint ("decided by the endpoint").
 */

export type EdgeKind = 'routing' | 'navigate' | 'endpoint';

export interface ScreenNode {
  index: number;
  /** The screen's `id`, or `screens[i]` when it has none. */
  id: string;
  title: string | null;
  terminal: boolean;
  /** No edge reaches it from the first screen (and no endpoint decision could). */
  unreachable: boolean;
  errorCount: number;
}

export interface ScreenEdge {
  from: number;
  /** Target screen index; null for "decided by the endpoint". */
  to: number | null;
  kind: EdgeKind;
  /** Screen id named by the JSON that no screen has (a dangling reference). */
  missing?: string;
}

export interface ScreenGraph {
  nodes: ScreenNode[];
  edges: ScreenEdge[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `{ name: <action> }` object under `value` (actions sit under `on-click-action`, `on-select-action`, …). */
function collectActions(value: unknown, out: Json[]): Json[] {
  if (typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    for (const v of value) collectActions(v, out);
    return out;
  }
  // for…in over a parsed object (own keys only): no array of entries per object, as Object.entries makes.
  for (const key in value) {
    const v = (value as Json)[key];
    if (typeof v !== 'object' || v === null) continue;
    if (key.startsWith('on-') && isObject(v) && typeof v.name === 'string') out.push(v);
    collectActions(v, out);
  }
  return out;
}

/**
 * Builds the map. `errorScreens[i]` is the screen index of error i (see `screenOfError`), null
 * outside any screen.
 */
export function buildScreenGraph(flow: unknown, errorScreens: readonly (number | null)[] = []): ScreenGraph {
  const screens = isObject(flow) && Array.isArray(flow.screens) ? (flow.screens as unknown[]) : [];
  const nodes: ScreenNode[] = screens.map((raw, index) => {
    const s = isObject(raw) ? raw : {};
    return {
      index,
      id: typeof s.id === 'string' ? s.id : `screens[${index}]`,
      title: typeof s.title === 'string' ? s.title : null,
      terminal: s.terminal === true,
      unreachable: false,
      errorCount: 0,
    };
  });
  const byId = new Map<string, number>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n.index);

  const edges: ScreenEdge[] = [];
  const seen = new Set<string>();
  const add = (from: number, target: string | null, kind: EdgeKind) => {
    const to = target === null ? null : (byId.get(target) ?? null);
    const missing = target !== null && to === null ? target : undefined;
    const key = `${from}>${to ?? missing ?? 'endpoint'}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(missing === undefined ? { from, to, kind } : { from, to, kind, missing });
  };

  const routing = isObject(flow) && isObject(flow.routing_model) ? flow.routing_model : null;
  screens.forEach((raw, from) => {
    const actions = collectActions(isObject(raw) ? raw.layout : undefined, []);
    const routes = routing ? routing[nodes[from]!.id] : undefined;
    if (routing) {
      if (Array.isArray(routes)) for (const t of routes) if (typeof t === 'string') add(from, t, 'routing');
    } else {
      for (const a of actions) {
        if (a.name !== 'navigate') continue;
        const next = isObject(a.next) ? a.next.name : undefined;
        if (typeof next === 'string') add(from, next, 'navigate');
      }
    }
    // data_exchange: the endpoint answers with the next screen, unless routing_model names them.
    const exchanges = actions.some((a) => a.name === 'data_exchange');
    if (exchanges && !(Array.isArray(routes) && routes.length > 0)) add(from, null, 'endpoint');
  });

  // Reachability from the first screen; an endpoint decision may lead anywhere.
  if (nodes.length > 0) {
    const out: ScreenEdge[][] = nodes.map(() => []);
    for (const e of edges) out[e.from]!.push(e);
    const reached = new Set<number>([0]);
    const queue = [0];
    let viaEndpoint = false;
    for (let head = 0; head < queue.length; head++) {
      for (const e of out[queue[head]!]!) {
        if (e.kind === 'endpoint') viaEndpoint = true;
        else if (e.to !== null && !reached.has(e.to)) {
          reached.add(e.to);
          queue.push(e.to);
        }
      }
    }
    if (!viaEndpoint) for (const n of nodes) n.unreachable = !reached.has(n.index);
  }
  return errorScreens.length > 0 ? withErrorCounts({ nodes, edges }, errorScreens) : { nodes, edges };
}

/** The graph with each node's error count: `errorScreens[i]` is the screen index of error i, or null. */
export function withErrorCounts(graph: ScreenGraph, errorScreens: readonly (number | null)[]): ScreenGraph {
  const counts = new Array<number>(graph.nodes.length).fill(0);
  for (const s of errorScreens) if (s !== null && s < counts.length) counts[s]!++;
  return { edges: graph.edges, nodes: graph.nodes.map((n) => (n.errorCount === counts[n.index] ? n : { ...n, errorCount: counts[n.index]! })) };
}
