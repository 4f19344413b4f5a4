import { describe, expect, it } from 'vitest';
import { formatFlowPath, parseFlowPath, screenOfPath } from './path';

describe('parseFlowPath', () => {
  it.each([
    ['screens[0].layout.children[0].type', ['screens', 0, 'layout', 'children', 0, 'type']],
    ['screens [0]. layout.children [0].type', ['screens', 0, 'layout', 'children', 0, 'type']],
    ['$root/screens/0/layout', ['screens', 0, 'layout']],
    ['$root/screens/0/layout/children/2/children/0', ['screens', 0, 'layout', 'children', 2, 'children', 0]],
    ['$root.screens[1].id', ['screens', 1, 'id']],
    ['$.screens[2]', ['screens', 2]],
    ['$[0]', [0]],
    ['/screens/0/terminal', ['screens', 0, 'terminal']],
    ['screens.3.id', ['screens', 3, 'id']],
    ["screens[0]['on-click-action'].name", ['screens', 0, 'on-click-action', 'name']],
    ['screens[0].layout.children[1].on-click-action', ['screens', 0, 'layout', 'children', 1, 'on-click-action']],
    ['$root', []],
    ['$', []],
    ['version', ['version']],
  ])('parses %s', (input, expected) => {
    expect(parseFlowPath(input)).toEqual(expected);
  });

  it.each(['', '   ', 'a..b', 'a.', 'a[', 'a[x]', 'a]', 'a[0]b', 'a b', '/'])('rejects %j', (input) => {
    expect(parseFlowPath(input)).toBeNull();
  });
});

describe('formatFlowPath', () => {
  it('round-trips through parseFlowPath', () => {
    const path = ['screens', 0, 'layout', 'children', 1, 'on-click-action', 'payload', 'a b'];
    expect(formatFlowPath(path)).toBe('screens[0].layout.children[1].on-click-action.payload["a b"]');
    expect(parseFlowPath(formatFlowPath(path))).toEqual(path);
  });
});

describe('screenOfPath', () => {
  it('returns the screen index of screens[i] paths only', () => {
    expect(screenOfPath(['screens', 3, 'id'])).toBe(3);
    expect(screenOfPath(['screens'])).toBeNull();
    expect(screenOfPath(['version'])).toBeNull();
    expect(screenOfPath(null)).toBeNull();
  });
});
