import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { sample } from './warmUp';

let parserWarmed = false;
let cancelPending: (() => void) | null = null;

/**
 * Once per page, when the browser is idle: parses ~50 KB of flow JSON off screen, so the JSON
 * parser's code is optimized before the first real document (its first parse is then about
 * twice as fast). Skipped once a real document is in the viewer (`skipParserWarmUp`).
 */
export function warmUpParserWhenIdle(): void {
  if (parserWarmed) return;
  parserWarmed = true;
  const run = () => {
    cancelPending = null;
    const doc = JSON.stringify({ screens: Array.from({ length: 25 }, () => sample.screens) }, null, 2);
    ensureSyntaxTree(EditorState.create({ doc, extensions: json() }), doc.length, 100);
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    cancelPending = () => cancelIdleCallback(id);
  } else {
    const timer = setTimeout(run, 50);
    cancelPending = () => clearTimeout(timer);
  }
}

/**
 * A real document is in the viewer: its parse has warmed the parser, so a warm-up still waiting
 * is dropped. While the page is busy with the download, the browser is rarely idle, and the
 * warm-up (up to 100 ms in one task) ran at its timeout, after the real text had arrived, where
 * it held up the screens and the rest of the page.
 */
export function skipParserWarmUp(): void {
  parserWarmed = true;
  cancelPending?.();
  cancelPending = null;
}
