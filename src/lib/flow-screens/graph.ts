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

/** Every `{ name: <action> }` object under `value` (actions sit under `on-click-action`, `on-select-action`, …), added to `out`. */
function collectActions(value: unknown, out: Json[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectActions(value[i], out);
    return;
  }
  // for…in over a parsed object (own keys only): no array of entries per object, as Object.entries makes.
  for (const key in value) {
    const v = (value as Json)[key];
    if (typeof v !== 'object' || v === null) continue;
    if (key.startsWith('on-') && isObject(v) && typeof v.name === 'string') out.push(v);
    collectActions(v, out);
  }
}

/**
 * Builds the map. `errorScreens[i]` is the screen index of error i (see `screenOfError`), null
 * outside any screen.
 *
 * It runs in the worker right after the `JSON.parse` of what may be a 10 MB flow, while the
 * parse's objects are still held: a minor GC then copies them all (25-55 ms in traces). The less this
 * allocates (one list of actions for every screen, the id index only when an edge needs it, flat
 * adjacency), the less often one falls before the map is sent; after that the worker drops the
 * parse, and a GC takes a millisecond.
 */
export function buildScreenGraph(flow: unknown, errorScreens: readonly (number | null)[] = []): ScreenGraph {
  const screens = isObject(flow) && Array.isArray(flow.screens) ? (flow.screens as unknown[]) : [];
  const nodes: ScreenNode[] = new Array(screens.length);
  for (let index = 0; index < screens.length; index++) {
    const raw = screens[index];
    const s = isObject(raw) ? raw : {};
    nodes[index] = {
      index,
      id: typeof s.id === 'string' ? s.id : `screens[${index}]`,
      title: typeof s.title === 'string' ? s.title : null,
      terminal: s.terminal === true,
      unreachable: false,
      errorCount: 0,
    };
  }
  let byId: Map<string, number> | null = null;
  const indexOf = (id: string) => {
    if (!byId) {
      byId = new Map();
      for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n.index);
    }
    return byId.get(id);
  };

  const edges: ScreenEdge[] = [];
  const seen = new Set<string>();
  const add = (from: number, target: string | null, kind: EdgeKind) => {
    const to = target === null ? null : (indexOf(target) ?? null);
    const missing = target !== null && to === null ? target : undefined;
    const key = `${from}>${to ?? missing ?? 'endpoint'}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(missing === undefined ? { from, to, kind } : { from, to, kind, missing });
  };

  const routing = isObject(flow) && isObject(flow.routing_model) ? flow.routing_model : null;
  const actions: Json[] = [];
  for (let from = 0; from < screens.length; from++) {
    const raw = screens[from];
    actions.length = 0;
    collectActions(isObject(raw) ? raw.layout : undefined, actions);
    const routes = routing ? routing[nodes[from]!.id] : undefined;
    if (Array.isArray(routes)) for (const t of routes) if (typeof t === 'string') add(from, t, 'routing');
    // data_exchange: the endpoint answers with the next screen, unless routing_model names them.
    let exchanges = false;
    for (let k = 0; k < actions.length; k++) {
      const a = actions[k]!;
      if (a.name === 'data_exchange') exchanges = true;
      else if (!routing && a.name === 'navigate') {
        const next = isObject(a.next) ? a.next.name : undefined;
        if (typeof next === 'string') add(from, next, 'navigate');
      }
    }
    if (exchanges && !(Array.isArray(routes) && routes.length > 0)) add(from, null, 'endpoint');
  }

  // Reachability from the first screen; an endpoint decision may lead anywhere.
  if (nodes.length > 0) {
    const out = groupBy(nodes.length, edges, (e) => e.from, (_, k) => k);
    const reached = new Uint8Array(nodes.length);
    const queue = new Int32Array(nodes.length);
    reached[0] = 1;
    let tail = 1;
    let viaEndpoint = false;
    for (let head = 0; head < tail; head++) {
      const at = queue[head]!;
      for (let k = out.start[at]!; k < out.start[at + 1]!; k++) {
        const e = edges[out.item[k]!]!;
        if (e.kind === 'endpoint') viaEndpoint = true;
        else if (e.to !== null && reached[e.to] === 0) {
          reached[e.to] = 1;
          queue[tail++] = e.to;
        }
      }
    }
    if (!viaEndpoint) for (const n of nodes) n.unreachable = reached[n.index] === 0;
  }
  return errorScreens.length > 0 ? withErrorCounts({ nodes, edges }, errorScreens) : { nodes, edges };
}

/**
 * `items` grouped by `key` (0 to count - 1), keeping their order: group i is `item[start[i]]` up
 * to `item[start[i + 1] - 1]`, where each item is `value(item, its index)`. Flat typed arrays, not
 * a list per node: built right after a big parse, they keep garbage collection out of the way.
 */
export function groupBy<T>(count: number, items: readonly T[], key: (item: T) => number, value: (item: T, index: number) => number): { start: Int32Array; item: Int32Array } {
  const start = new Int32Array(count + 1);
  for (const it of items) start[key(it) + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, count);
  const item = new Int32Array(items.length);
  items.forEach((it, k) => (item[next[key(it)]!++] = value(it, k)));
  return { start, item };
}

/** The graph with each node's error count: `errorScreens[i]` is the screen index of error i, or null. */
export function withErrorCounts(graph: ScreenGraph, errorScreens: readonly (number | null)[]): ScreenGraph {
  const counts = new Array<number>(graph.nodes.length).fill(0);
  for (const s of errorScreens) if (s !== null && s < counts.length) counts[s]!++;
  return { edges: graph.edges, nodes: graph.nodes.map((n) => (n.errorCount === counts[n.index] ? n : { ...n, errorCount: counts[n.index]! })) };
}
