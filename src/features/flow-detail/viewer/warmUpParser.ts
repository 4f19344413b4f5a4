import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { sample } from './warmUp';

let parserWarmed = false;

/**
 * Once per page, when the browser is idle: parses ~50 KB of flow JSON off screen, so the JSON
 * parser's code is optimized before the first real document (its first parse is then about
 * twice as fast).
 */
export function warmUpParserWhenIdle(): void {
  if (parserWarmed) return;
  parserWarmed = true;
  const run = () => {
    const doc = JSON.stringify({ screens: Array.from({ length: 25 }, () => sample.screens) }, null, 2);
    ensureSyntaxTree(EditorState.create({ doc, extensions: json() }), doc.length, 100);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}
