import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from '../json-positions/fixtures/big-flow';
import { inspectFlowScreens, screenOf } from './summary';

describe('inspectFlowScreens', () => {
  const text = bigMinifiedFlow(50_000);
  const flow = JSON.parse(text) as { screens: { id: string }[] };

  it('draws the map and sends the wanted screen, by its id where the flow has it, else by its index', () => {
    const last = flow.screens.length - 1;
    const byIndex = inspectFlowScreens(text, { wanted: { id: null, index: last } });
    expect(byIndex.screens!.graph.nodes).toHaveLength(flow.screens.length);
    expect(byIndex.screens!.layout.nodes).toHaveLength(flow.screens.length);
    expect(byIndex.shown).toEqual({ index: last, value: flow.screens[last] });
    expect(inspectFlowScreens(text, { wanted: { id: flow.screens[1]!.id, index: last } }).shown).toEqual({ index: 1, value: flow.screens[1] });
    expect(inspectFlowScreens(text, { wanted: { id: 'NO_SUCH_SCREEN', index: 0 } }).shown).toEqual({ index: 0, value: flow.screens[0] });
    expect(inspectFlowScreens(text, { wanted: { id: null, index: flow.screens.length } }).shown).toBeUndefined();
    expect(inspectFlowScreens(text).shown).toBeUndefined();
  });

  it('reports a syntax error instead of screens', () => {
    const broken = inspectFlowScreens('{"screens": [');
    expect(broken.screens).toBeNull();
    expect(broken.syntaxError).not.toBeNull();
  });
});

describe('screenOf', () => {
  it('reads one screen of a parsed flow; undefined out of range or without screens', () => {
    expect(screenOf({ screens: [{ id: 'A' }] }, 0)).toEqual({ id: 'A' });
    expect(screenOf({ screens: [{ id: 'A' }] }, 1)).toBeUndefined();
    expect(screenOf({ screens: [{ id: 'A' }] }, -1)).toBeUndefined();
    expect(screenOf({}, 0)).toBeUndefined();
  });
});
