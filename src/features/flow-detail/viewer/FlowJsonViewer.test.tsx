import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOAD_AT_ONCE } from './chunks';
import { errorMarksField } from './errorField';
import FlowJsonViewer from './FlowJsonViewer';
import type { ViewerMark } from './types';

// jsdom has no layout; CodeMirror measures ranges while rendering.
beforeAll(() => {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
});
afterEach(cleanup);

const TEXT = '{\n  "version": "5.0",\n  "screens": [{ "id": "A", "type": "Heading" }]\n}';
const at = (token: string) => TEXT.indexOf(token);
const MARKS: ViewerMark[] = [
  { index: 0, from: at('"5.0"'), to: at('"5.0"') + 5, message: 'Unsupported version' },
  { index: 1, from: at('"Heading"'), to: at('"Heading"') + 9, message: 'Unknown component <b>Heading</b>' },
];

const marked = (container: HTMLElement, index: number) =>
  [...container.querySelectorAll(`[data-flow-error="${index}"]`)].map((el) => el.textContent).join('');

/** A new editor puts its first text in a task after it is created: lets that task run. */
const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

async function renderViewer(props: Partial<Parameters<typeof FlowJsonViewer>[0]> = {}) {
  const onSelect = vi.fn();
  const utils = render(<FlowJsonViewer text={TEXT} marks={MARKS} selectedIndex={null} onSelect={onSelect} {...props} />);
  await nextTask();
  return { ...utils, onSelect };
}

describe('FlowJsonViewer', () => {
  it('creates the editor in one task and puts its first text in the next', async () => {
    const { container } = render(<FlowJsonViewer text={TEXT} marks={MARKS} selectedIndex={null} onSelect={() => {}} />);
    const view = EditorView.findFromDOM(container.querySelector('.cm-editor')!)!;
    expect(view.state.doc.length).toBe(0);
    await nextTask();
    expect(view.state.doc.toString()).toBe(TEXT);
    expect(marked(container, 0)).toBe('"5.0"');
  });

  it('highlights each mark with its error index', async () => {
    const { container } = await renderViewer();
    expect(marked(container, 0)).toBe('"5.0"');
    expect(marked(container, 1)).toBe('"Heading"');
    expect(container.querySelector('[data-flow-error="0"]')).toHaveClass('cm-flow-error');
    expect(container.querySelectorAll('.cm-flow-error-dot')).toHaveLength(2);
    expect(container.querySelector('[aria-label="Flow JSON"]')).toHaveAttribute('aria-readonly', 'true');
  });

  it('updates marks and text in the same editor', async () => {
    const { container, rerender } = await renderViewer();
    const editor = container.querySelector('.cm-editor');
    const text = `${TEXT}\n`;
    const marks = [{ index: 7, from: 0, to: 1, message: 'x' }];
    rerender(<FlowJsonViewer text={text} marks={marks} selectedIndex={7} onSelect={() => {}} />);
    expect(container.querySelector('.cm-editor')).toBe(editor);
    expect(marked(container, 0)).toBe('');
    expect(marked(container, 7)).toBe('{');
    expect(container.querySelector('.cm-flow-error-selected')?.textContent).toBe('{');
  });

  it('moves between errors with F8 and Shift-F8', async () => {
    const { container, onSelect } = await renderViewer();
    const content = container.querySelector<HTMLElement>('.cm-content')!;
    act(() => content.focus());
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119 });
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119 });
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119, shiftKey: true });
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual([0, 1, 0]);
    expect(container.querySelector('.cm-flow-error-selected')?.textContent).toBe('"5.0"');
  });

  it('steps back from the selected error after its marks were placed again with other ranges', async () => {
    const { container, onSelect, rerender } = await renderViewer();
    const content = container.querySelector<HTMLElement>('.cm-content')!;
    act(() => content.focus());
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119 });
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119 });
    // The second placement (by path) covers the whole property, starting before the first one's token.
    const replaced = [MARKS[0]!, { ...MARKS[1]!, from: at('"type"'), to: at('"Heading"') + 9 }];
    rerender(<FlowJsonViewer text={TEXT} marks={replaced} selectedIndex={1} onSelect={onSelect} />);
    fireEvent.keyDown(content, { key: 'F8', code: 'F8', keyCode: 119, shiftKey: true });
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual([0, 1, 0]);
  });

  it('selects an error when its mark is clicked', async () => {
    const { container, onSelect } = await renderViewer();
    fireEvent.click(container.querySelector('[data-flow-error="1"]')!);
    expect(onSelect).toHaveBeenCalledWith(1);
  });

  it('maps offsets past CRLF line breaks', async () => {
    const text = TEXT.replaceAll('\n', '\r\n');
    const from = text.indexOf('"Heading"');
    const { container } = await renderViewer({ text, marks: [{ index: 3, from, to: from + 9, message: 'm' }] });
    expect(marked(container, 3)).toBe('"Heading"');
  });

  it('loads a big text a piece at a time, marks each part, and selects an error once it is loaded', async () => {
    const big = `[\n${Array.from({ length: 9000 }, (_, i) => `  {"k": ${i}}`).join(',\n')}\n]`;
    expect(big.length).toBeGreaterThan(3 * LOAD_AT_ONCE);
    const first = big.indexOf('"k"');
    const last = big.lastIndexOf('"k"');
    const marks: ViewerMark[] = [
      { index: 0, from: first, to: first + 3, message: 'first' },
      { index: 1, from: last, to: last + 3, message: 'last' },
    ];
    const { container, rerender } = render(<FlowJsonViewer text={big} marks={marks} selectedIndex={null} onSelect={() => {}} />);
    await nextTask();
    const view = EditorView.findFromDOM(container.querySelector('.cm-editor')!)!;
    expect(view.state.doc.length).toBeLessThan(big.length);
    expect(view.state.field(errorMarksField).byIndex.has(0)).toBe(true);
    expect(view.state.field(errorMarksField).byIndex.has(1)).toBe(false);
    // Selecting an error that is not loaded yet selects it as soon as it is.
    rerender(<FlowJsonViewer text={big} marks={marks} selectedIndex={1} onSelect={() => {}} />);
    expect(view.state.field(errorMarksField).selected).toBeNull();

    await waitFor(() => expect(view.state.doc.toString()).toBe(big));
    await waitFor(() => expect(view.state.field(errorMarksField).selected).toBe(1));
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('"k"');
    expect(view.state.selection.main.from).toBe(last);
  });

  it('loads the rest of a big text only once `restAfter` settles', async () => {
    const big = `[\n${Array.from({ length: 9000 }, (_, i) => `  {"k": ${i}}`).join(',\n')}\n]`;
    let open = () => {};
    const restAfter = new Promise<void>((resolve) => (open = resolve));
    const { container } = render(<FlowJsonViewer text={big} marks={[]} selectedIndex={null} onSelect={() => {}} restAfter={restAfter} />);
    await nextTask();
    const view = EditorView.findFromDOM(container.querySelector('.cm-editor')!)!;
    const firstPiece = view.state.doc.length;
    expect(firstPiece).toBeLessThan(big.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(view.state.doc.length).toBe(firstPiece);
    open();
    await waitFor(() => expect(view.state.doc.toString()).toBe(big));
  });
});
