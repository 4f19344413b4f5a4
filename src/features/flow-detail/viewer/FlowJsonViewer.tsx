import { defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, syntaxHighlighting } from '@codemirror/language';
import { search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { firstPieceEnd, NEXT_PIECE, pieceEnd } from './chunks';
import { DocOffsets } from './docOffsets';
import { errorMarks, revealEffect, selectErrorSpec } from './errorExtensions';
import { appendText, errorMarksField, setMarks } from './errorField';
import { inBackground } from '../background';
import { timed } from '../timing';
import { WARM_UP_TEXT } from './warmUp';
import { skipParserWarmUp, warmUpParserWhenIdle } from './warmUpParser';
import type { FlowJsonViewerProps, ViewerMark } from './types';

export type { FlowJsonViewerProps, ViewerMark } from './types';

// No line wrapping on purpose: wrapping a 10 MB one-line document freezes the page.
function viewerExtensions(onSelect: (index: number) => void): Extension {
  return [
    EditorState.readOnly.of(true),
    EditorView.contentAttributes.of({ 'aria-label': 'Flow JSON' }),
    lineNumbers(),
    foldGutter(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    bracketMatching(),
    json(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    search({ top: true }),
    errorMarks(onSelect),
    keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
    EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
  ];
}

/**
 * Scrolls the editor (only) to the first mark, so a minified flow's first error is on screen
 * without a selection; the page itself stays where it is. In the next frame, where the page is
 * laid out anyway: reading the page's scroll position and the editor's height now would lay out
 * the whole page inside the task that drew the first piece (130 ms of it measured in a trace).
 */
function revealFirstMark(view: EditorView): boolean {
  if (!view.state.field(errorMarksField).sorted[0]) return false;
  requestAnimationFrame(() => {
    const first = view.state.field(errorMarksField).sorted[0];
    // Gone (the viewer closed), or no mark any more.
    if (!view.dom.isConnected || !first) return;
    const { scrollX, scrollY } = window;
    view.dispatch({ effects: revealEffect(view, first.from, first.to) });
    // CodeMirror scrolls in its next measure (an animation frame); undo any page scroll in the same frame.
    requestAnimationFrame(() => {
      if (window.scrollX !== scrollX || window.scrollY !== scrollY) window.scrollTo(scrollX, scrollY);
    });
  });
  return true;
}

/** Loading state of the text in the editor: `loaded` characters of `text` are in the document. */
interface Load {
  text: string;
  offsets: DocOffsets;
  loaded: number;
  /** The marks (and how much text) last put in the editor, to skip repeating the same. */
  shown: { marks: readonly ViewerMark[]; loaded: number } | null;
  /** Whether the first piece is in the editor (until then it holds the last text, or none). */
  firstIn: boolean;
}

/** Where the error to show first ends (text offset): the selected one, else the first in the text. */
function firstTarget(marks: readonly ViewerMark[], selected: number | null): number | null {
  const chosen = selected === null ? undefined : marks.find((m) => m.index === selected);
  if (chosen) return chosen.to;
  let first: ViewerMark | undefined;
  for (const m of marks) if (!first || m.from < first.from) first = m;
  return first ? first.to : null;
}

/** The marks that lie in the loaded part of the text, in document offsets. */
function loadedMarks(load: Load, marks: readonly ViewerMark[]): ViewerMark[] {
  const within = load.loaded === load.text.length ? marks : marks.filter((m) => Math.max(m.from, m.to) <= load.loaded);
  return load.offsets.marks(within);
}

/**
 * Gives the page a selection (collapsed at its start) when it has none. CodeMirror reads the page's
 * selection on each update for as long as it has none to remember, and in Chromium each read lays
 * out the whole page: the first screen of a 10 MB text spent 40-110 ms of its task there.
 */
function holdPageSelection() {
  const selection = document.getSelection();
  if (selection && selection.rangeCount === 0) selection.collapse(document.body, 0);
}

/**
 * Read-only CodeMirror view of a flow JSON with its validation errors highlighted. A big text
 * is loaded a piece at a time (see ./chunks): its first screen and the marks on it show at once.
 */
export default function FlowJsonViewer({ text, marks, selectedIndex, onSelect, reveal = null, restAfter, height = '70vh' }: FlowJsonViewerProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const loadRef = useRef<Load | null>(null);
  /** The text whose first mark was revealed (done once per text, when nothing is selected). */
  const revealedText = useRef<string | null>(null);
  const onSelectRef = useRef(onSelect);
  const marksRef = useRef(marks);
  const selectedRef = useRef(selectedIndex);
  const restAfterRef = useRef(restAfter);
  /** Counts texts wholly loaded (a state, so marks and selection are applied again then). */
  const [loadsDone, setLoadsDone] = useState(0);
  /** True from the editor's creation to the first text's effect (its first piece then waits a task). */
  const justCreated = useRef(false);
  /** Counts first pieces put in after a task (a state, so the selection is applied again then). */
  const [lateFirstPieces, setLateFirstPieces] = useState(0);

  useEffect(() => {
    onSelectRef.current = onSelect;
    marksRef.current = marks;
    selectedRef.current = selectedIndex;
    restAfterRef.current = restAfter;
  }, [onSelect, marks, selectedIndex, restAfter]);

  useEffect(() => {
    holdPageSelection();
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({ extensions: viewerExtensions((index) => onSelectRef.current(index)) }),
    });
    viewRef.current = view;
    justCreated.current = true;
    warmUpParserWhenIdle();
    return () => {
      view.destroy();
      viewRef.current = null;
      revealedText.current = null;
    };
  }, []);

  // A new text: its first piece (with the marks on it) now, the rest in later tasks. The first
  // text of a new editor waits a task: creating the editor is a long task of its own.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (text !== WARM_UP_TEXT) skipParserWarmUp();
    const late = justCreated.current;
    justCreated.current = false;
    const shownMarks = marksRef.current;
    const load: Load = { text, offsets: new DocOffsets(text), loaded: firstPieceEnd(text, firstTarget(shownMarks, selectedRef.current)), shown: null, firstIn: false };
    loadRef.current = load;
    load.shown = { marks: shownMarks, loaded: load.loaded };
    let cancel: (() => void) | null = null;
    const next = () => {
      const end = pieceEnd(text, load.loaded + NEXT_PIECE);
      timed('flow-viewer:piece', () =>
        // The snapshot keeps the same text in view: once a document is taller than CodeMirror's
        // largest DOM height, its positions are rescaled, and the view would jump.
        view.dispatch({
          changes: { from: view.state.doc.length, insert: text.slice(load.loaded, end) },
          annotations: appendText.of(true),
          effects: view.scrollSnapshot(),
        }),
      );
      load.loaded = end;
      if (end < text.length) cancel = inBackground(next);
      else {
        cancel = null;
        setLoadsDone((n) => n + 1);
      }
    };
    // The rest once what the page shows first is in (`restAfter`), and after the next frame is
    // painted (a task queued now could run before the paint, of the first piece or of what the
    // page showed first).
    let frame: number | null = null;
    let live = true;
    const first = () => {
      // The marks as they are now (they may have changed while the piece waited).
      load.shown = { marks: marksRef.current, loaded: load.loaded };
      timed(`flow-viewer:first-piece`, () =>
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text.slice(0, load.loaded) }, effects: setMarks.of(loadedMarks(load, load.shown!.marks)) }),
      );
      load.firstIn = true;
      if (late) setLateFirstPieces((n) => n + 1);
      if (load.loaded < text.length) {
        const afterPaint = () => {
          if (live) frame = requestAnimationFrame(() => (cancel = inBackground(next)));
        };
        void (restAfterRef.current ?? Promise.resolve()).then(afterPaint, afterPaint);
      } else setLoadsDone((n) => n + 1);
    };
    let waiting: ReturnType<typeof setTimeout> | null = null;
    if (late) waiting = setTimeout(first, 0);
    else first();
    return () => {
      live = false;
      if (waiting !== null) clearTimeout(waiting);
      if (frame !== null) cancelAnimationFrame(frame);
      cancel?.();
    };
  }, [text]);

  // New marks, or the whole text is in: put the marks that lie in the loaded text in the editor.
  useEffect(() => {
    const view = viewRef.current;
    const load = loadRef.current;
    if (!view || !load || load.text !== text || !load.firstIn) return;
    if (load.shown?.marks === marks && load.shown.loaded === load.loaded) return;
    load.shown = { marks, loaded: load.loaded };
    timed(`flow-viewer:marks:${marks.length}`, () => view.dispatch({ effects: setMarks.of(loadedMarks(load, marks)) }));
  }, [text, marks, loadsDone]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !loadRef.current?.firstIn) return;
    const spec = selectErrorSpec(view.state, selectedIndex, (from, to) => revealEffect(view, from, to));
    if (spec) view.dispatch(spec);
    else if (selectedIndex === null && revealedText.current !== text && revealFirstMark(view)) revealedText.current = text;
  }, [selectedIndex, text, marks, loadsDone, lateFirstPieces]);

  // A range asked for from outside (a component of the screen preview), once its text is loaded.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !reveal || !loadRef.current?.firstIn || reveal.to > view.state.doc.length) return;
    view.dispatch({ selection: { anchor: reveal.from, head: reveal.to }, effects: revealEffect(view, reveal.from, reveal.to) });
  }, [reveal, loadsDone, lateFirstPieces]);

  return <div ref={hostRef} className="flow-json-viewer" style={{ height }} />;
}
