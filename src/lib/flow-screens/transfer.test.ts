import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from '../json-positions/fixtures/big-flow';
import { buildScreenGraph } from './graph';
import { layoutScreenGraph } from './layout';
import { inspectFlowScreens } from './summary';
import { packScreens, unpackScreens } from './transfer';

const footer = (action: Record<string, unknown>) => ({ type: 'Footer', label: 'Next', 'on-click-action': action });
const screen = (id: string, action: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  title: `${id} title`,
  ...extra,
  layout: { type: 'SingleColumnLayout', children: [footer(action)] },
});

/** A map with every kind of edge: navigate, to the endpoint, to a screen id no screen has, and a screen nothing reaches. */
const FLOW = {
  version: '7.0',
  screens: [
    screen('A', { name: 'navigate', next: { type: 'screen', name: 'B' } }),
    screen('B', { name: 'data_exchange', payload: {} }),
    screen('C', { name: 'navigate', next: { type: 'screen', name: 'NOWHERE' } }, { terminal: true }),
    { id: 'D', layout: { type: 'SingleColumnLayout', children: [] } },
  ],
};

describe('packScreens / unpackScreens', () => {
  it('gives back the same map and layout, with error counts, endpoint and dangling edges (dagre layout)', () => {
    const graph = buildScreenGraph(FLOW, [0, 0, 2, null]);
    const screens = { graph, layout: layoutScreenGraph(graph) };
    expect(graph.edges.some((e) => e.missing === 'NOWHERE')).toBe(true);
    expect(graph.edges.some((e) => e.to === null && e.missing === undefined)).toBe(true);
    expect(screens.layout.edges.some((e) => e.points.length > 2)).toBe(true);
    const { packed, transfer } = packScreens(screens);
    expect(transfer.every((b) => b instanceof ArrayBuffer)).toBe(true);
    expect(unpackScreens(structuredClone(packed))).toEqual(screens);
  });

  it('gives back a big map laid out in layers', () => {
    const screens = inspectFlowScreens(bigMinifiedFlow(200_000)).screens!;
    expect(screens.graph.nodes.length).toBeGreaterThan(50);
    const { packed, transfer } = packScreens(screens);
    expect(unpackScreens(structuredClone(packed, { transfer }))).toEqual(screens);
  });
});
