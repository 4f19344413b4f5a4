/**
 * Editor documents of big texts, built a piece at a time between the page's other tasks: one
 * Text.of over 380,000 lines of a 10 MB flow JSON is a task of a few hundred milliseconds on a busy
 * machine; pieces of PIECE characters (cut after a newline) keep each task short.
 */
import { Text } from '@codemirror/state';
import { yieldToPage } from '../../../lib/yield-to-page';

export const PIECE = 100_000;

/**
 * The document of `text` (`\n` line ends). Its `toString()` answers `text` itself: the merge view
 * reads both documents as strings to diff them, and joining 10 MB of lines back would cost as much
 * as splitting them.
 */
export async function buildDoc(text: string, signal?: AbortSignal, piece = PIECE): Promise<Text> {
  let doc = Text.empty;
  for (let at = 0; ; ) {
    const cut = text.indexOf('\n', at + piece);
    const end = cut < 0 ? text.length : cut + 1;
    // A piece ends with its newline: its last (empty) line joins the next piece's first.
    const part = Text.of(text.slice(at, end).split('\n'));
    doc = at === 0 ? part : doc.append(part);
    at = end;
    if (end >= text.length) break;
    await yieldToPage();
    signal?.throwIfAborted();
  }
  const source = text;
  Object.defineProperty(doc, 'toString', { value: () => source });
  return doc;
}

/** The documents of the last pair of texts: built once for both layouts, and while the worker diffs. */
let lastDocs: { before: string; after: string; docs: Promise<[Text, Text]> } | null = null;

export function docsOf(before: string, after: string): Promise<[Text, Text]> {
  if (lastDocs?.before !== before || lastDocs.after !== after) {
    const docs = (async () => [await buildDoc(before), await buildDoc(after)] as [Text, Text])();
    lastDocs = { before, after, docs };
    docs.catch(() => lastDocs?.docs === docs && (lastDocs = null));
  }
  return lastDocs.docs;
}

/** Forgets the documents of these texts (their view is gone): two 10 MB documents are not kept for nothing. */
export function releaseDocs(before: string, after: string): void {
  if (lastDocs?.before === before && lastDocs.after === after) lastDocs = null;
}
