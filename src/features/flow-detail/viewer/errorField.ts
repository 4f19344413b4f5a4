import { Annotation, RangeSetBuilder, StateEffect, StateField, type EditorState, type Range, type RangeSet } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, type DecorationSet } from '@codemirror/view';
import type { ViewerMark } from './types';

/** Replaces all marks; positions are document offsets (see `DocOffsets`). */
export const setMarks = StateEffect.define<readonly ViewerMark[]>();
/** Changes which error index is shown as selected. */
export const setSelected = StateEffect.define<number | null>();
/** Marks a change that appends more of the same text (progressive loading): marks are kept. */
export const appendText = Annotation.define<true>();

export interface ErrorMarksState {
  /** Drawable marks sorted by position (from, to, index). */
  sorted: readonly ViewerMark[];
  byIndex: ReadonlyMap<number, ViewerMark>;
  decorations: DecorationSet;
  lineMarkers: RangeSet<GutterMarker>;
  selected: number | null;
  selectedDecoration: DecorationSet;
}

class ErrorGutterMarker extends GutterMarker {
  constructor(readonly count: number) {
    super();
  }
  eq(other: GutterMarker) {
    return other instanceof ErrorGutterMarker && other.count === this.count;
  }
  toDOM() {
    const dot = document.createElement('span');
    const label = this.count === 1 ? '1 error on this line' : `${this.count} errors on this line`;
    dot.textContent = '●';
    dot.className = 'cm-flow-error-dot';
    dot.title = label;
    dot.setAttribute('role', 'img');
    dot.setAttribute('aria-label', label);
    return dot;
  }
}

const selectedMark = Decoration.mark({ class: 'cm-flow-error-selected' });

/** Drops empty marks (widening `syntax` ones to one character) and sorts by position. */
function drawable(marks: readonly ViewerMark[], docLength: number): ViewerMark[] {
  const out: ViewerMark[] = [];
  for (const m of marks) {
    let { from, to } = m;
    if (to < from) [from, to] = [to, from];
    if (from === to) {
      if (m.severity !== 'syntax' || docLength === 0) continue;
      if (to < docLength) to++;
      else from--;
    }
    out.push(from === m.from && to === m.to ? m : { ...m, from, to });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to || a.index - b.index);
}

function build(state: EditorState, marks: readonly ViewerMark[], selected: number | null): ErrorMarksState {
  const sorted = drawable(marks, state.doc.length);
  const byIndex = new Map<number, ViewerMark>();
  const ranges: Range<Decoration>[] = new Array(sorted.length);
  const perLine = new Map<number, number>();
  sorted.forEach((m, k) => {
    if (!byIndex.has(m.index)) byIndex.set(m.index, m);
    ranges[k] = Decoration.mark({
      class: m.severity === 'syntax' ? 'cm-flow-error cm-flow-error-syntax' : 'cm-flow-error',
      attributes: { 'data-flow-error': String(m.index) },
      flowMark: m,
    }).range(m.from, m.to);
    const lineFrom = state.doc.lineAt(m.from).from;
    perLine.set(lineFrom, (perLine.get(lineFrom) ?? 0) + 1);
  });
  // `sorted` is in position order, so the map's keys were inserted in ascending order.
  const lines = new RangeSetBuilder<GutterMarker>();
  for (const [lineFrom, count] of perLine) lines.add(lineFrom, lineFrom, new ErrorGutterMarker(count));
  return {
    sorted,
    byIndex,
    decorations: Decoration.set(ranges),
    lineMarkers: lines.finish(),
    ...withSelected(byIndex, selected),
  };
}

function withSelected(byIndex: ReadonlyMap<number, ViewerMark>, selected: number | null) {
  const mark = selected === null ? undefined : byIndex.get(selected);
  return { selected, selectedDecoration: mark ? Decoration.set([selectedMark.range(mark.from, mark.to)]) : Decoration.none };
}

export const errorMarksField = StateField.define<ErrorMarksState>({
  create: (state) => build(state, [], null),
  update(value, tr) {
    let next = value;
    // Marks and selection belong to one version of the text; appending more of it keeps them.
    if (tr.docChanged && tr.annotation(appendText)) {
      next = {
        ...next,
        decorations: next.decorations.map(tr.changes),
        lineMarkers: next.lineMarkers.map(tr.changes),
        selectedDecoration: next.selectedDecoration.map(tr.changes),
      };
    } else if (tr.docChanged) {
      next = build(tr.state, [], null);
    }
    for (const effect of tr.effects) {
      if (effect.is(setMarks)) next = build(tr.state, effect.value, next.selected);
      else if (effect.is(setSelected)) next = { ...next, ...withSelected(next.byIndex, effect.value) };
    }
    return next;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (v) => v.decorations),
    EditorView.decorations.from(field, (v) => v.selectedDecoration),
  ],
});

/** The marks covering `pos`, respecting which side of `pos` the pointer is on. */
export function marksAt(state: EditorState, pos: number, side: -1 | 1): ViewerMark[] {
  const found: ViewerMark[] = [];
  state.field(errorMarksField).decorations.between(pos, pos, (from, to, deco) => {
    if ((from === pos && side < 0) || (to === pos && side > 0)) return;
    found.push((deco.spec as { flowMark: ViewerMark }).flowMark);
  });
  return found;
}
