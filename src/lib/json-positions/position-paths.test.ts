import { describe, expect, it } from 'vitest';
import { validationError } from './fixtures/flows';
import { lineStartOffsets, offsetToLineColumn } from './lines';
import { screensByPath } from './locate';
import { screenOfPathText } from './path';
import { pathsAtPositions } from './position-paths';

const flow = JSON.stringify(
  {
    version: '7.0',
    screens: [
      { id: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'TextHeading', text: 'Hi' }] } },
      {
        id: 'B',
        layout: {
          type: 'SingleColumnLayout',
          children: [{ type: 'Form', name: 'f', children: [{ type: 'TextInput', 'input-type': 'txt', label: 'Name' }, { type: 'Dropdown', label: 'Pick' }] }],
        },
      },
    ],
  },
  null,
  2,
);
const starts = lineStartOffsets(flow);
/** A line/column-only error (no pointer path) at the n-th occurrence of `needle`, as a provider's text error reports it. */
const at = (needle: string, nth = 0, columns = true) => {
  let offset = -1;
  for (let k = 0; k <= nth; k++) offset = flow.indexOf(needle, offset + 1);
  const start = offsetToLineColumn(starts, offset);
  const end = offsetToLineColumn(starts, offset + needle.length);
  return validationError({
    lineStart: start.line,
    lineEnd: end.line,
    columnStart: columns ? start.column : null,
    columnEnd: columns ? end.column : null,
  });
};

describe('pathsAtPositions', () => {
  it('finds the token a line and column point at: a key, a value, a token they fall inside', () => {
    const paths = pathsAtPositions(flow, [at('"input-type"'), at('"Pick"'), at('ick"'), at('"Hi"')]);
    expect(paths.map((p) => p?.path)).toEqual([
      ['screens', 1, 'layout', 'children', 0, 'children', 0, 'input-type'],
      ['screens', 1, 'layout', 'children', 0, 'children', 1, 'label'],
      ['screens', 1, 'layout', 'children', 0, 'children', 1, 'label'],
      ['screens', 0, 'layout', 'children', 0, 'text'],
    ]);
    expect(paths[0]!.isKey).toBe(true);
  });

  it('takes the first token of the line when only a line is reported', () => {
    const [path] = pathsAtPositions(flow, [at('"Dropdown"', 0, false)]);
    expect(path?.path).toEqual(['screens', 1, 'layout', 'children', 0, 'children', 1, 'type']);
  });

  it('gives nothing for errors without a usable position', () => {
    const blank = validationError({ lineStart: 10_000, lineEnd: 10_000, columnStart: 1, columnEnd: 2 });
    expect(pathsAtPositions(flow, [validationError(), blank])).toEqual([undefined, undefined]);
  });
});

describe('screensByPath', () => {
  it('gives each error the screen of its first parsable pointer path, and lists the errors without one', () => {
    const pointer = (path: string | null) => ({ path, lineStart: null, lineEnd: null, columnStart: null, columnEnd: null });
    const errors = [
      validationError({ pointers: [pointer('screens[1].layout.children[0].type')] }),
      validationError({ pointers: [pointer('version')] }),
      validationError({ pointers: [pointer('bad['), pointer('$root/screens/2/id')] }),
      at('"Pick"'),
      validationError({ pointers: [pointer(null), pointer('a..b')] }),
    ];
    expect(screensByPath(errors)).toEqual({ screens: [1, null, 2, null, null], withoutPath: [3, 4] });
  });
});

describe('screenOfPathText', () => {
  it.each([
    ['screens[12].layout.children[0].on-click-action', 12],
    ['screens [3]. layout', 3],
    ['$root/screens/4/id', 4],
    ['version', null],
    ['screens[1].a..b', undefined],
    ['screens[2]]', undefined],
  ])('reads %s as %s', (text, screen) => {
    expect(screenOfPathText(text)).toBe(screen);
  });
});
