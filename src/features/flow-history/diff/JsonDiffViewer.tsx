/**
 * The lazy diff chunk: two versions of a flow JSON side by side (MergeView) or in one editor
 * (unifiedMergeView), read-only, with unchanged stretches collapsed. Texts arrive already made
 * comparable (see lib/flow-history/compareText); errors of each side are highlighted on its side.
 */
import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Change, diff, MergeView, unifiedMergeView, type DiffConfig } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { lineDiff } from '../../../lib/flow-history/lineDiff';
import { diffMarks } from './diffMarks';

export interface DiffErrorRange {
  from: number;
  to: number;
  message: string;
}

export interface JsonDiffViewerProps {
  before: string;
  after: string;
  layout: 'split' | 'unified';
  beforeErrors?: readonly DiffErrorRange[];
  afterErrors?: readonly DiffErrorRange[];
  height?: string;
}

const errorMark = (message: string) => Decoration.mark({ class: 'cm-flowdesk-diffError', attributes: { title: message, 'data-error': 'true' } });

function errorHighlights(doc: string, errors: readonly DiffErrorRange[] | undefined): Extension {
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
const DIFF_CONFIG = { scanLimit: 5000, timeout: 200 };
/** Past this many characters (both sides), compare line by line, then characters inside each changed block. */
const LINE_DIFF_FROM = 200_000;
const LINE_DIFF_CONFIG: DiffConfig = {
  override: (a, b) => lineDiff(a, b, { refine: (x, y) => diff(x, y, DIFF_CONFIG) }).map((c) => new Change(c.fromA, c.toA, c.fromB, c.toB)),
};
const diffConfigFor = (before: string, after: string): DiffConfig => (before.length + after.length > LINE_DIFF_FROM ? LINE_DIFF_CONFIG : DIFF_CONFIG);

export default function JsonDiffViewer({ before, after, layout, beforeErrors, afterErrors, height = '70vh' }: JsonDiffViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    if (layout === 'split') {
      const view = new MergeView({
        a: { doc: before, extensions: [base('Older version'), errorHighlights(before, beforeErrors), diffMarks(false)] },
        b: { doc: after, extensions: [base('Newer version'), errorHighlights(after, afterErrors), diffMarks(false)] },
        parent,
        gutter: true,
        collapseUnchanged: COLLAPSE,
        diffConfig: diffConfigFor(before, after),
      });
      return () => view.destroy();
    }
    const view = new EditorView({
      parent,
      doc: after,
      extensions: [
        base('Changes between the two versions'),
        errorHighlights(after, afterErrors),
        unifiedMergeView({ original: before, mergeControls: false, gutter: true, collapseUnchanged: COLLAPSE, diffConfig: diffConfigFor(before, after) }),
        diffMarks(true),
      ],
    });
    return () => view.destroy();
  }, [before, after, layout, beforeErrors, afterErrors]);
  return <div ref={host} data-testid="json-diff" style={{ height, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)' }} />;
}
