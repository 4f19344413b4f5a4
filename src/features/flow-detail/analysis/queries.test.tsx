import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ValidationError } from '../../../model/flow';
import { runFlowJsonOperation } from './client';
import { runOperation, type Operation } from './operations';
import { useFlowJsonWork, type FlowJsonInput } from './queries';

vi.mock('./client', () => ({ runFlowJsonOperation: vi.fn() }));

afterEach(cleanup);

const TEXT = JSON.stringify({ version: '7.0', screens: [{ id: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'TextInputt' }] } }] }, null, 2);
/** Only a path: placed in the worker, not on the main thread. */
const BY_PATH: ValidationError = {
  code: 'INVALID_PROPERTY_VALUE',
  type: 'FLOW_JSON_ERROR',
  message: 'Unknown component',
  lineStart: null,
  lineEnd: null,
  columnStart: null,
  columnEnd: null,
  pointers: [{ path: 'screens[0].layout.children[0].type', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null }],
};

describe('useFlowJsonWork', () => {
  it('asks the worker for the placement only once the inspection (the screens) is in', async () => {
    const asked: Operation[] = [];
    let finishInspection: () => void = () => undefined;
    vi.mocked(runFlowJsonOperation).mockImplementation((op, text, input) => {
      asked.push(op);
      const result = runOperation(op, text, input as never);
      return op === 'inspect' ? new Promise((resolve) => (finishInspection = () => resolve(result))) : Promise.resolve(result);
    });
    const input: FlowJsonInput = { ref: { accountId: 'a', channelId: 'c' }, flowId: '1', text: TEXT, textUpdatedAt: 1, errors: [BY_PATH], errorsUpdatedAt: 1 };
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useFlowJsonWork(input, false, { id: null, index: 0 }), { wrapper });
    await waitFor(() => expect(asked).toEqual(['inspect']));
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(['inspect']);
    expect(result.current.placed?.complete).toBe(false);
    finishInspection();
    await waitFor(() => expect(result.current.placed?.complete).toBe(true));
    expect(asked).toEqual(['inspect', 'place']);
    expect(result.current.inspection?.shown?.index).toBe(0);
    expect(result.current.placed!.placed[0]!.how).toBe('path');
  });
});
