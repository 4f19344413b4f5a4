import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { errorMarks, errorTooltipAt, selectErrorSpec } from './errorExtensions';
import { errorMarksField, setMarks } from './errorField';
import type { ViewerMark } from './types';

const stateWith = (doc: string, marks: ViewerMark[]) => {
  const state = EditorState.create({ doc, extensions: errorMarks(() => {}) });
  return state.update({ effects: setMarks.of(marks) }).state;
};

describe('error marks state', () => {
  const doc = '{"a": "xy", "b": 1}';
  const marks: ViewerMark[] = [
    { index: 2, from: 6, to: 10, message: 'second <b>bold</b>' },
    { index: 0, from: 6, to: 8, message: 'first' },
    { index: 5, from: 3, to: 3, message: 'empty, not drawn' },
    { index: 9, from: doc.length, to: doc.length, message: 'EOF', severity: 'syntax' },
  ];

  it('sorts, drops empty marks and widens empty syntax marks', () => {
    const field = stateWith(doc, marks).field(errorMarksField);
    expect(field.sorted.map((m) => [m.index, m.from, m.to])).toEqual([
      [0, 6, 8],
      [2, 6, 10],
      [9, doc.length - 1, doc.length],
    ]);
  });

  it('shows every message under the pointer as text', () => {
    const state = stateWith(doc, marks);
    const tooltip = errorTooltipAt(state, 7, 1)!;
    const dom = tooltip.create(new EditorView({ state })).dom;
    expect([...dom.children].map((c) => c.textContent)).toEqual(['first', 'second <b>bold</b>']);
    expect(dom.querySelector('b')).toBeNull();
    expect([tooltip.pos, tooltip.end]).toEqual([6, 10]);
    expect(errorTooltipAt(state, 10, 1)).toBeNull();
    expect(errorTooltipAt(state, 1, 1)).toBeNull();
  });

  it('selects and centers a mark once, and skips unknown indices', () => {
    const state = stateWith(doc, marks);
    const spec = selectErrorSpec(state, 2)!;
    const next = state.update(spec).state;
    expect(next.selection.main).toMatchObject({ from: 6, to: 10 });
    expect(next.field(errorMarksField).selected).toBe(2);
    expect(selectErrorSpec(next, 2)).toBeNull();
    expect(selectErrorSpec(state, 42)).toBeNull();
  });

  it('builds 10,000 marks on a one-line document quickly (printed, not asserted)', () => {
    const doc = `[${Array.from({ length: 10_000 }, (_, i) => `{"k":${i}}`).join(',')}]`;
    const many: ViewerMark[] = Array.from({ length: 10_000 }, (_, i) => {
      const from = doc.indexOf(`"k":${9_999 - i}}`);
      return { index: i, from, to: from + 3, message: `error ${i}` };
    });
    const state = EditorState.create({ doc, extensions: errorMarks(() => {}) });
    const t = performance.now();
    const next = state.update({ effects: setMarks.of(many) }).state;
    console.log(`[viewer] 10,000 marks built in ${(performance.now() - t).toFixed(1)} ms`);
    expect(next.field(errorMarksField).decorations.size).toBe(10_000);
  });
});

describe('appending text', () => {
  it('keeps marks and selection when more of the same text is appended, and clears them on a new text', async () => {
    const { appendText, setSelected } = await import('./errorField');
    const state = stateWith('{"a": 1', [{ index: 0, from: 1, to: 4, message: 'm' }]);
    const selected = state.update({ effects: setSelected.of(0) }).state;
    const appended = selected.update({ changes: { from: selected.doc.length, insert: ', "b": 2}' }, annotations: appendText.of(true) }).state;
    expect(appended.field(errorMarksField).decorations.size).toBe(1);
    expect(appended.field(errorMarksField).selected).toBe(0);
    const replaced = appended.update({ changes: { from: 0, to: appended.doc.length, insert: '{}' } }).state;
    expect(replaced.field(errorMarksField).decorations.size).toBe(0);
    expect(replaced.field(errorMarksField).selected).toBeNull();
  });
});
