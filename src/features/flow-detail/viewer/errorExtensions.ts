import { EditorSelection, Prec, type EditorState, type Extension, type StateEffect, type TransactionSpec } from '@codemirror/state';
import { EditorView, gutter, hoverTooltip, keymap, type Tooltip } from '@codemirror/view';
import { errorMarksField, marksAt, setSelected } from './errorField';

/**
 * Scrolls `pos` into view: centered when the editor itself can center it, else just into view.
 * (Asking to center a position near the top or bottom of the document would make CodeMirror
 * center it in the window instead, jumping the whole page.)
 */
export function revealEffect(view: EditorView, from: number, to = from): StateEffect<unknown> {
  const block = view.lineBlockAt(from);
  const half = view.scrollDOM.clientHeight / 2;
  const canCenter = block.top >= half && view.contentHeight - block.bottom >= half;
  return EditorView.scrollIntoView(EditorSelection.range(from, to), { y: canCenter ? 'center' : 'nearest', yMargin: 24, x: 'nearest', xMargin: 48 });
}

const centerEffect = (from: number) => EditorView.scrollIntoView(from, { y: 'center' });

/**
 * Selects the mark of error `index` and scrolls to it (`reveal` makes the scroll effect). Null (nothing to do) when that error is
 * already the selected one, so echoing the page's state back does not jump the view after the
 * user scrolled. An index without a mark stays unselected, so it is scrolled to once its mark
 * arrives; a new text clears the selection, so the error is scrolled to again in the new text.
 */
export function selectErrorSpec(
  state: EditorState,
  index: number | null,
  reveal: (from: number, to: number) => StateEffect<unknown> = centerEffect,
): TransactionSpec | null {
  const field = state.field(errorMarksField);
  if (field.selected === index) return null;
  const mark = index === null ? undefined : field.byIndex.get(index);
  if (!mark) return field.selected === null ? null : { effects: setSelected.of(null) };
  return {
    selection: EditorSelection.single(mark.from, mark.to),
    effects: [setSelected.of(index), reveal(mark.from, mark.to)],
  };
}

/** Moves to the next (1) or previous (-1) error by document position, wrapping around. */
function moveToError(view: EditorView, direction: 1 | -1, onSelect: (index: number) => void): boolean {
  const { sorted, selected, byIndex } = view.state.field(errorMarksField);
  if (sorted.length === 0) return false;
  const range = view.state.selection.main;
  const current = selected === null ? undefined : byIndex.get(selected);
  let k: number;
  // From the selected mark while the selection is on it (even if the marks were placed again since,
  // with slightly different ranges); else from the cursor.
  if (current && range.from <= current.to && range.to >= current.from) {
    k = sorted.indexOf(current) + direction;
  } else if (direction === 1) {
    k = sorted.findIndex((m) => m.from > range.from);
  } else {
    k = sorted.findLastIndex((m) => m.from < range.from);
  }
  if (k < 0 || k >= sorted.length) k = direction === 1 ? 0 : sorted.length - 1;
  const target = sorted[k]!;
  view.dispatch({
    selection: EditorSelection.single(target.from, target.to),
    effects: [setSelected.of(target.index), revealEffect(view, target.from, target.to)],
  });
  onSelect(target.index);
  return true;
}

/** The hover tooltip listing the messages of the marks under the pointer, as plain text. */
export function errorTooltipAt(state: EditorState, pos: number, side: -1 | 1): Tooltip | null {
  const marks = marksAt(state, pos, side);
  if (marks.length === 0) return null;
  return {
    pos: Math.min(...marks.map((m) => m.from)),
    end: Math.max(...marks.map((m) => m.to)),
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-flow-error-tooltip';
      for (const m of marks) {
        const line = document.createElement('div');
        line.textContent = m.message;
        dom.appendChild(line);
      }
      return { dom };
    },
  };
}

const errorTooltip = hoverTooltip((view, pos, side) => errorTooltipAt(view.state, pos, side));

const errorGutter = gutter({
  class: 'cm-flow-error-gutter',
  markers: (view) => view.state.field(errorMarksField).lineMarkers,
});

const theme = EditorView.baseTheme({
  '.cm-flow-error': {
    textDecoration: 'underline wavy #d32f2f',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
    backgroundColor: 'rgba(211, 47, 47, 0.08)',
    cursor: 'pointer',
  },
  '.cm-flow-error-syntax': { textDecorationStyle: 'solid' },
  '.cm-flow-error-selected': {
    outline: '2px solid #d32f2f',
    borderRadius: '2px',
    backgroundColor: 'rgba(211, 47, 47, 0.2)',
  },
  '.cm-flow-error-gutter .cm-gutterElement': { padding: '0 2px', color: '#d32f2f' },
  '.cm-flow-error-tooltip': { padding: '4px 8px', maxWidth: '40em', whiteSpace: 'pre-wrap' },
  '.cm-flow-error-tooltip > div + div': { marginTop: '4px', paddingTop: '4px', borderTop: '1px solid #ddd' },
});

/** Error marks, their gutter dots and tooltip, F8 / Shift-F8, and selection by click. */
export function errorMarks(onSelect: (index: number) => void): Extension {
  return [
    errorMarksField,
    errorGutter,
    errorTooltip,
    theme,
    Prec.high(
      keymap.of([
        { key: 'F8', run: (view) => moveToError(view, 1, onSelect), preventDefault: true },
        { key: 'Shift-F8', run: (view) => moveToError(view, -1, onSelect), preventDefault: true },
      ]),
    ),
    EditorView.domEventHandlers({
      click(event, view) {
        const target = event.target instanceof Element ? event.target.closest('[data-flow-error]') : null;
        const index = Number(target?.getAttribute('data-flow-error'));
        if (!target || !Number.isInteger(index)) return false;
        view.dispatch({ effects: setSelected.of(index) });
        onSelect(index);
        return false;
      },
    }),
  ];
}
