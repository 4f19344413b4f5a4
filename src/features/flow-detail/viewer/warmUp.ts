import type { ViewerMark } from './types';

/**
 * A small flow the hidden viewer shows while the real JSON downloads, so CodeMirror's code for
 * parsing, highlighting and drawing marks is compiled by the time the real text arrives: the
 * first screen of a 10 MB flow then costs about half as much.
 */
export const sample = {
  version: '7.0',
  screens: Array.from({ length: 3 }, (_, i) => ({
    id: `SCREEN_${i}`,
    title: `Screen ${i}`,
    terminal: i === 2,
    data: { count: { type: 'number', __example__: i * 1.5 } },
    layout: {
      type: 'SingleColumnLayout',
      children: [{ type: 'Form', name: `form_${i}`, children: [{ type: 'TextInput', name: 'name', label: 'Name', required: true, 'helper-text': null }] }],
    },
  })),
};

export const WARM_UP_TEXT = JSON.stringify(sample, null, 2);
const at = WARM_UP_TEXT.indexOf('"TextInput"');
/** Index -2: never an error index, never the parse error (-1). */
export const WARM_UP_MARKS: ViewerMark[] = [{ index: -2, from: at, to: at + '"TextInput"'.length, message: 'warm-up' }];

