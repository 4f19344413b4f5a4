import { describe, expect, it } from 'vitest';
import { buildScreenGraph } from './graph';
import { layeredLayout, layoutScreenGraph, NODE_WIDTH } from './layout';

const footer = (action: object) => ({ type: 'Footer', label: 'Next', 'on-click-action': action });
const screen = (id: string, children: object[], extra: object = {}) => ({ id, title: `${id} title`, layout: { type: 'SingleColumnLayout', children }, ...extra });

describe('buildScreenGraph', () => {
  it('takes edges from routing_model when present, ignoring navigate actions', () => {
    const flow = {
      routing_model: { A: ['B'], B: [] },
      screens: [screen('A', [footer({ name: 'navigate', next: { type: 'screen', name: 'C' } })]), screen('B', [], { terminal: true }), screen('C', [])],
    };
    const g = buildScreenGraph(flow, [0, 0, 2, null]);
    expect(g.edges).toEqual([{ from: 0, to: 1, kind: 'routing' }]);
    expect(g.nodes.map((n) => [n.id, n.errorCount, n.terminal, n.unreachable])).toEqual([
      ['A', 2, false, false],
      ['B', 0, true, false],
      ['C', 1, false, true],
    ]);
  });

  it('takes edges from nested navigate actions otherwise, and flags dangling references', () => {
    const flow = {
      screens: [
        screen('A', [{ type: 'Form', name: 'f', children: [footer({ name: 'navigate', next: { type: 'screen', name: 'B' } })] }]),
        screen('B', [{ type: 'If', condition: 'x', then: [footer({ name: 'navigate', next: { type: 'screen', name: 'NOPE' } })] }]),
      ],
    };
    const g = buildScreenGraph(flow);
    expect(g.edges).toEqual([
      { from: 0, to: 1, kind: 'navigate' },
      { from: 1, to: null, kind: 'navigate', missing: 'NOPE' },
    ]);
    expect(g.nodes.every((n) => !n.unreachable)).toBe(true);
  });

  it('draws a data_exchange without routing as decided by the endpoint, which may reach any screen', () => {
    const flow = { screens: [screen('A', [footer({ name: 'data_exchange', payload: {} })]), screen('B', [])] };
    const g = buildScreenGraph(flow);
    expect(g.edges).toEqual([{ from: 0, to: null, kind: 'endpoint' }]);
    expect(g.nodes[1]!.unreachable).toBe(false);
    expect(layoutScreenGraph(g).endpoint).not.toBeNull();
  });

  it('names screens without an id by their index and survives what is not a flow', () => {
    expect(buildScreenGraph({ screens: [{ title: 'x' }] }).nodes[0]!.id).toBe('screens[0]');
    expect(buildScreenGraph(null)).toEqual({ nodes: [], edges: [] });
    expect(buildScreenGraph({ screens: 'no' })).toEqual({ nodes: [], edges: [] });
  });

  it('lays out thousands of screens on a grid by distance from the first, without overlapping nodes', () => {
    const screens = Array.from({ length: 3000 }, (_, i) => screen(`S${i}`, i % 2 === 0 ? [footer({ name: 'navigate', next: { type: 'screen', name: `S${i + 1}` } })] : []));
    const graph = buildScreenGraph({ screens });
    const layout = layoutScreenGraph(graph);
    expect(layout.nodes).toHaveLength(3000);
    expect(new Set(layout.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(3000);
    // S0 → S1 one column apart; S2 is reached by no edge: in the last column.
    expect(layout.nodes[1]!.x).toBeGreaterThan(layout.nodes[0]!.x);
    expect(layout.nodes[2]!.x).toBeGreaterThan(layout.nodes[1]!.x);
    expect(layout.edges).toHaveLength(1500);
    expect(Math.max(...layout.nodes.map((n) => n.x))).toBeLessThanOrEqual(layout.width);
  });

  it('lays out 100 screens without overlapping nodes', () => {
    const screens = Array.from({ length: 100 }, (_, i) =>
      screen(`S${i}`, i < 99 ? [footer({ name: 'navigate', next: { type: 'screen', name: `S${(i * 7 + 1) % 100}` } })] : []),
    );
    const layout = layoutScreenGraph(buildScreenGraph({ screens }));
    expect(layout.nodes).toHaveLength(100);
    const spots = new Set(layout.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`));
    expect(spots.size).toBe(100);
  });

  it('lays out larger maps in columns by distance, each column ordered by its predecessors', () => {
    // Two branches from S0: S1 → S3 and S2 → S4, with S3 and S4 listed in the other order in the JSON.
    const go = (to: string) => footer({ name: 'navigate', next: { type: 'screen', name: to } });
    const flow = {
      routing_model: { S0: ['S1', 'S2'], S1: ['S4'], S2: ['S3'] },
      screens: [screen('S0', []), screen('S1', []), screen('S2', []), screen('S3', []), screen('S4', []), screen('Lost', [go('S0')])],
    };
    const layout = layeredLayout(buildScreenGraph(flow));
    const [s0, s1, s2, s3, s4, lost] = layout.nodes;
    expect([s1!.x, s2!.x]).toEqual([s0!.x + NODE_WIDTH + 56, s0!.x + NODE_WIDTH + 56]);
    expect(s4!.x).toBe(s3!.x);
    // S4 follows S1 and S3 follows S2: each sits on its predecessor's row, so the branches do not cross.
    expect(s4!.y).toBe(s1!.y);
    expect(s3!.y).toBe(s2!.y);
    // Reached by nothing: a column of its own after the others.
    expect(lost!.x).toBeGreaterThan(s3!.x);
    // Edges run from the right side of a node to the left side of the next.
    expect(layout.edges.find((e) => e.from === 0 && e.to === 1)!.points).toEqual([
      { x: s0!.x + NODE_WIDTH / 2, y: s0!.y },
      { x: s1!.x - NODE_WIDTH / 2, y: s1!.y },
    ]);
    expect(Math.max(...layout.nodes.map((n) => n.x + NODE_WIDTH / 2))).toBeLessThanOrEqual(layout.width);

    const screens = Array.from({ length: 100 }, (_, i) => screen(`S${i}`, i < 99 ? [go(`S${(i * 7 + 1) % 100}`), go(`S${(i * 3 + 2) % 100}`)] : []));
    const big = layoutScreenGraph(buildScreenGraph({ screens }));
    // Every screen in a place of its own, every drawn edge from its screen's node.
    expect(new Set(big.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(100);
    for (const e of big.edges) expect(e.points[0]!.y).toBe(big.nodes[e.from]!.y);
  });
});
