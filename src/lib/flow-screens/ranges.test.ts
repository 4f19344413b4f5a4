import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from '../json-positions/fixtures/big-flow';
import { screenRanges } from './ranges';
import { inspectFlowScreens, parseScreen } from './summary';

const slices = (text: string) => {
  const r = screenRanges(text);
  return r && Array.from({ length: r.length / 2 }, (_, i) => text.slice(r[2 * i], r[2 * i + 1]));
};

describe('screenRanges', () => {
  it('finds each screen of the top-level screens array, pretty-printed or minified', () => {
    const flow = {
      version: '7.0',
      data: { screens: ['not these'] },
      screens: [{ id: 'A', title: 'Say "hi" \\ [ok] {x}', layout: { children: [{ screens: [1] }] } }, 'odd', 12, null, { id: 'B' }],
      after: [{ screens: [] }],
    };
    const expected = flow.screens.map((s) => JSON.stringify(s));
    expect(slices(JSON.stringify(flow))).toEqual(expected);
    expect(slices(JSON.stringify(flow, null, 2))!.map((t) => JSON.stringify(JSON.parse(t)))).toEqual(expected);
  });

  it('takes the last of duplicate keys, as JSON.parse does, and reads escaped keys', () => {
    expect(slices('{"screens":[{"id":"OLD"}],"screens":[ {"id":"NEW"} , [] ]}')).toEqual(['{"id":"NEW"}', '[]']);
    expect(slices('{"scr\\u0065ens":[{"id":"A"}]}')).toEqual(['{"id":"A"}']);
    expect(slices('{"screens":[]}')).toEqual([]);
  });

  it('returns null without a top-level screens array', () => {
    expect(screenRanges('{"screens":{}}')).toBeNull();
    expect(screenRanges('[{"screens":[1]}]')).toBeNull();
    expect(screenRanges('{"version":"7.0"}')).toBeNull();
  });
});

describe('inspectFlowScreens', () => {
  it('points at each screen in the text itself, and parses the one asked for', () => {
    const text = bigMinifiedFlow(50_000);
    const flow = JSON.parse(text) as { screens: unknown[] };
    const { screens } = inspectFlowScreens(text);
    expect(screens!.screensText).toBeUndefined();
    expect(screens!.screenRanges).toHaveLength(flow.screens.length * 2);
    expect(parseScreen(screens!, flow.screens.length - 1, text)).toEqual(flow.screens.at(-1));
    expect(parseScreen(screens!, flow.screens.length, text)).toBeUndefined();
  });
});
