/**
 * `data-diff` attributes on changed lines, for people (with the merge view's colours) and for
 * tests: every removed line carries `data-diff="removed"`, every added one `data-diff="added"`.
 * Lines are decorated only in the visible ranges (a 10 MB diff can have long chunks).
 */
import { getChunks } from '@codemirror/merge';
import type { Extension, Range } from '@codemirror/state';
import type { EditorView} from '@codemirror/view';
import { Decoration, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

const removedLine = Decoration.line({ attributes: { 'data-diff': 'removed' } });
const addedLine = Decoration.line({ attributes: { 'data-diff': 'added' } });

function build(view: EditorView, unified: boolean): DecorationSet {
  const info = getChunks(view.state);
  if (!info) return Decoration.none;
  // In a split view side A is the old text; in a unified view the editor holds the new text.
  const side = unified ? 'b' : info.side;
  const deco = side === 'a' ? removedLine : addedLine;
  const doc = view.state.doc;
  const ranges: Range<Decoration>[] = [];
  for (const chunk of info.chunks) {
    const from = side === 'a' ? chunk.fromA : chunk.fromB;
    const to = side === 'a' ? chunk.toA : chunk.toB;
    if (to <= from) continue;
    const end = side === 'a' ? chunk.endA : chunk.endB;
    for (const visible of view.visibleRanges) {
      const start = Math.max(from, visible.from);
      const stop = Math.min(end, visible.to);
      if (start > stop) continue;
      for (let pos = doc.lineAt(start).from; pos <= stop; ) {
        const line = doc.lineAt(pos);
        ranges.push(deco.range(line.from));
        pos = line.to + 1;
      }
    }
  }
  return Decoration.set(ranges, true);
}

/** Deleted lines of a unified view are widgets the merge package draws: tag them after each draw. */
function tagDeletedWidgets(view: EditorView) {
  view.requestMeasure({
    read: () => null,
    write: () => {
      for (const el of view.dom.querySelectorAll('.cm-deletedChunk .cm-deletedLine')) el.setAttribute('data-diff', 'removed');
    },
  });
}

export function diffMarks(unified: boolean): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view, unified);
        if (unified) tagDeletedWidgets(view);
      }
      update(update: ViewUpdate) {
        const chunksChanged = getChunks(update.state)?.chunks !== getChunks(update.startState)?.chunks;
        if (chunksChanged || update.viewportChanged || update.docChanged) this.decorations = build(update.view, unified);
        if (unified) tagDeletedWidgets(update.view);
      }
    },
    { decorations: (p) => p.decorations },
  );
}
