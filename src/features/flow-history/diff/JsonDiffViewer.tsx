/**
 * The lazy diff chunk: two versions of a flow JSON side by side (MergeView) or in one editor
 * (unifiedMergeView), read-only, with unchanged stretches collapsed. Texts arrive already made
 * comparable (see lib/flow-history/diffVersions), usually with their changes, computed in the diff
 * worker: the merge view then takes those instead of diffing on the page's main thread. The
 * documents are built a piece at a time (./docs), so no single task blocks the page for long.
 * Errors of each side are highlighted on its side.
 */
import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Change, MergeView, unifiedMergeView, type DiffConfig } from '@codemirror/merge';
import { EditorState, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { CHAR_DIFF_CONFIG, textChanges } from '../../../lib/flow-history/diffVersions';
import type { TextChange } from '../../../lib/flow-history/lineDiff';
import type { ErrorRange } from '../../../lib/flow-history/versionErrors';
import { diffMarks } from './diffMarks';
import { docsOf, releaseDocs } from './docs';

export interface JsonDiffViewerProps {
  /** The older and newer texts, `\n` line ends only. */
  before: string;
  after: string;
  /** Their changes when already known (diffVersions); computed here otherwise. */
  changes?: readonly TextChange[];
  layout: 'split' | 'unified';
  beforeErrors?: readonly ErrorRange[];
  afterErrors?: readonly ErrorRange[];
  height?: string;
}

const errorMark = (message: string) => Decoration.mark({ class: 'cm-flowdesk-diffError', attributes: { title: message, 'data-error': 'true' } });

function errorHighlights(doc: string, errors: readonly ErrorRange[] | undefined): Extension {
  if (!errors?.length) return [];
  const ranges = errors
    .filter((e) => e.from >= 0 && e.to <= doc.length && e.from < e.to)
    .map((e) => errorMark(e.message).range(e.from, e.to))
    .sort((x, y) => x.from - y.from);
  return EditorView.decorations.of(Decoration.set(ranges, true));
}

function base(label: string): Extension {
  return [
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.contentAttributes.of({ 'aria-label': label }),
    lineNumbers(),
    json(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.theme({
      '&': { height: '100%' },
      '.cm-scroller': { overflow: 'auto' },
      '.cm-flowdesk-diffError': { textDecoration: 'underline wavy #c92a2a' },
      // Colour is not the only signal: removed and added lines also get a sign in the margin.
      '[data-diff="removed"]::before': { content: '"−"', position: 'absolute', left: '-0.1em', opacity: 0.7 },
      '[data-diff="added"]::before': { content: '"+"', position: 'absolute', left: '-0.1em', opacity: 0.7 },
    }),
  ];
}

const COLLAPSE = { margin: 3, minSize: 6 };

/**
 * The merge view's diff: the known changes of these two texts, else the same computation as the
 * worker's (characters for small texts, lines then characters for big ones).
 */
function diffConfigFor(before: string, after: string, changes: readonly TextChange[] | undefined): DiffConfig {
  return {
    ...CHAR_DIFF_CONFIG,
    override: (a, b) => (changes && a === before && b === after ? changes : textChanges(a, b)).map((c) => new Change(c.fromA, c.toA, c.fromB, c.toB)),
  };
}

function createView(parent: HTMLElement, [docA, docB]: [Text, Text], { before, after, changes, layout, beforeErrors, afterErrors }: JsonDiffViewerProps): () => void {
  const diffConfig = diffConfigFor(before, after, changes);
  if (layout === 'split') {
    const view = new MergeView({
      a: { doc: docA, extensions: [base('Older version'), errorHighlights(before, beforeErrors), diffMarks(false)] },
      b: { doc: docB, extensions: [base('Newer version'), errorHighlights(after, afterErrors), diffMarks(false)] },
      parent,
      gutter: true,
      collapseUnchanged: COLLAPSE,
      diffConfig,
    });
    return () => view.destroy();
  }
  const view = new EditorView({
    parent,
    doc: docB,
    extensions: [
      base('Changes between the two versions'),
      errorHighlights(after, afterErrors),
      unifiedMergeView({ original: docA, mergeControls: false, gutter: true, collapseUnchanged: COLLAPSE, diffConfig }),
      diffMarks(true),
    ],
  });
  return () => view.destroy();
}

export default function JsonDiffViewer(props: JsonDiffViewerProps) {
  const { before, after, changes, layout, beforeErrors, afterErrors, height = '70vh' } = props;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => () => releaseDocs(before, after), [before, after]);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    let destroy: (() => void) | null = null;
    let cancelled = false;
    void docsOf(before, after).then((docs) => {
      if (!cancelled) destroy = createView(parent, docs, { before, after, changes, layout, beforeErrors, afterErrors });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [before, after, changes, layout, beforeErrors, afterErrors]);
  return <div ref={host} data-testid="json-diff" style={{ height, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)' }} />;
}
