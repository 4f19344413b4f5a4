// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerCopy, WorkerRequest, WorkerResponse } from './operations';

const FLOW = JSON.stringify({ version: '7.0', screens: [{ id: 'WELCOME', title: 'Café ☕', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });

/** The worker's module run against a stand-in for its global scope: what it is sent, what it answers. */
async function startWorker() {
  const answers: WorkerResponse[] = [];
  const scope: { onmessage: ((event: { data: WorkerRequest | WorkerCopy }) => void) | null; postMessage: (m: WorkerResponse) => void } = {
    onmessage: null,
    postMessage: (message) => answers.push(message),
  };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await import('./flowJson.worker');
  return { send: (data: WorkerRequest | WorkerCopy) => scope.onmessage!({ data }), answers };
}

beforeEach(() => vi.unstubAllGlobals());
afterEach(() => vi.unstubAllGlobals());

describe('the flow JSON worker', () => {
  it('holds a text copied piece by piece, so a request needs no text', async () => {
    const { send, answers } = await startWorker();
    // Cut inside the title's characters.
    const cuts = [0, 40, 71, 72, FLOW.length];
    for (let i = 1; i < cuts.length; i++) send({ copy: 'piece', doc: 3, piece: FLOW.slice(cuts[i - 1], cuts[i]) });
    send({ copy: 'end', doc: 3 });
    send({ id: 1, op: 'screen', doc: 3, input: 0 });
    expect(answers).toEqual([{ id: 1, ok: true, result: JSON.parse(FLOW).screens[0] }]);
  });

  it('keeps two copies apart when a new download starts before the last one is dropped', async () => {
    const { send, answers } = await startWorker();
    const other = FLOW.replace('WELCOME', 'OTHER');
    send({ copy: 'piece', doc: 1, piece: other.slice(0, 20) });
    send({ copy: 'piece', doc: 2, piece: FLOW.slice(0, 50) });
    send({ copy: 'drop', doc: 1 });
    send({ copy: 'piece', doc: 2, piece: FLOW.slice(50) });
    send({ copy: 'end', doc: 2 });
    send({ id: 1, op: 'screen', doc: 2, input: 0 });
    expect(answers).toEqual([{ id: 1, ok: true, result: JSON.parse(FLOW).screens[0] }]);
  });

  it('forgets a copy that was dropped (a failed download): a request for it fails and says so', async () => {
    const { send, answers } = await startWorker();
    send({ id: 1, op: 'screen', doc: 1, text: FLOW, input: 0 });
    send({ copy: 'piece', doc: 2, piece: FLOW.slice(0, 30) });
    send({ copy: 'drop', doc: 2 });
    send({ id: 2, op: 'screen', doc: 2, input: 0 });
    // The document it held stays.
    send({ id: 3, op: 'screen', doc: 1, input: 0 });
    expect(answers.map((a) => a.ok)).toEqual([true, false, true]);
    expect(answers[1]).toMatchObject({ id: 2, message: expect.stringMatching(/lost the document/) });
  });

  it('reads any screen after the inspection from the text, for each new text', async () => {
    const { send, answers } = await startWorker();
    const flow = { version: '7.0', screens: [{ id: 'A', layout: { children: [{ type: 'TextBody', text: 'a' }] } }, { id: 'B', title: 'Café ☕', terminal: true }] };
    const text = JSON.stringify(flow, null, 2);
    send({ id: 1, op: 'inspect', doc: 1, text, input: { id: null, index: 0 } });
    send({ id: 2, op: 'screen', doc: 1, input: 1 });
    send({ id: 3, op: 'screen', doc: 1, input: 2 });
    const next = JSON.stringify({ ...flow, screens: [flow.screens[1], flow.screens[0]] });
    send({ id: 4, op: 'screen', doc: 2, text: next, input: 1 });
    expect(answers.slice(1)).toEqual([
      { id: 2, ok: true, result: flow.screens[1] },
      { id: 3, ok: true, result: undefined },
      { id: 4, ok: true, result: flow.screens[0] },
    ]);
    expect(answers[0]).toMatchObject({ id: 1, ok: true, result: { syntaxError: null, screenIds: ['A', 'B'], shown: { index: 0, value: flow.screens[0] } } });
  });
});
