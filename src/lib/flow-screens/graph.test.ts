import { describe, expect, it } from 'vitest';
import { buildScreenGraph } from './graph';
import { layoutScreenGraph } from './layout';

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
});
