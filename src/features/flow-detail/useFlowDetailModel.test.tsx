import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paths } from '../../config/paths';
import { makeFlowDetail, type AccountInfo, type ValidationError } from '../../model/flow';
import { detailsLaterChannel } from '../../lib/flow-table/fixtures';
import { useFlowDetailModel } from './useFlowDetailModel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REF = { accountId: 'retail-eu', channelId: 'c1' } as const;
const FLOW_ID = '42';
const BASE = `/api/accounts/${REF.accountId}/channels/${REF.channelId}/flows/${FLOW_ID}`;

/** Two screens: ONE (a TextInput, then a Footer to TWO) and TWO (a Dropdown). */
const FLOW = {
  version: '7.0',
  screens: [
    {
      id: 'ONE',
      title: 'First',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'n', label: 'Name', 'input-type': 'txet' },
          { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'TWO' }, payload: {} } },
        ],
      },
    },
    { id: 'TWO', title: 'Second', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Dropdown', name: 'd', label: 'Pick', 'data-source': [] }] } },
  ],
};
const TEXT = JSON.stringify(FLOW, null, 2);

const NO_POSITION = { lineStart: null, lineEnd: null, columnStart: null, columnEnd: null };
const error = (path: string, message: string): ValidationError => ({
  code: 'INVALID_PROPERTY_VALUE',
  type: 'FLOW_JSON_ERROR',
  message,
  ...NO_POSITION,
  pointers: [{ ...NO_POSITION, path }],
});
const ERRORS = [
  error('screens[1].layout.children[0].label', 'Label too long'),
  error('screens[0].layout.children[0].input-type', 'Unknown input type'),
  error('screens[1].title', 'Title too long'),
];

/** The shared details-later account, with this test's channel and no preview call. */
const accounts: AccountInfo[] = [
  {
    ...detailsLaterChannel.account,
    capabilities: { ...detailsLaterChannel.account.capabilities, previewCall: false },
    channels: [{ channelId: REF.channelId, label: 'Support' }],
  },
];

/** `jsonDelayMs`: the JSON is answered that much later than the rest. */
function fakeApi(errors: ValidationError[], jsonDelayMs = 0) {
  const answers: Record<string, () => Response> = {
    '/api/accounts': () => Response.json(accounts),
    [BASE]: () => Response.json(makeFlowDetail({ id: FLOW_ID, name: 'Two screens', status: 'DRAFT', categories: ['OTHER'], validationErrors: errors, hasFlowJson: true })),
    [`${BASE}/json`]: () => new Response(TEXT, { headers: { 'Content-Type': 'text/plain' } }),
  };
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    if (jsonDelayMs > 0 && String(input) === `${BASE}/json`) await new Promise((resolve) => setTimeout(resolve, jsonDelayMs));
    return answers[String(input)]?.() ?? new Response('{}', { status: 404 });
  });
}

function renderModel(query = '', errors = ERRORS, { onRender, jsonDelayMs }: { onRender?: (model: ReturnType<typeof useFlowDetailModel>) => void; jsonDelayMs?: number } = {}) {
  fakeApi(errors, jsonDelayMs);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const location = { search: '' };
  function Probe() {
    location.search = useLocation().search;
    return null;
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[paths.flow.getHref(REF, FLOW_ID, query)]}>
        <Routes>
          <Route
            path={paths.flow.path}
            element={
              <>
                {children}
                <Probe />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>
  );
  const hook = renderHook(
    () => {
      const model = useFlowDetailModel(REF, FLOW_ID);
      onRender?.(model);
      return model;
    },
    { wrapper },
  );
  const url = () => new URLSearchParams(location.search);
  return { ...hook, url };
}

/** The JSON read into screens, and the details with their errors loaded. */
const ready = (result: { current: ReturnType<typeof useFlowDetailModel> }, errors = ERRORS) =>
  waitFor(() => {
    expect(result.current.screens.graph).not.toBeNull();
    expect(result.current.errors).toHaveLength(errors.length);
  });

describe('useFlowDetailModel', () => {
  it('reads the screens with their error counts, showing the first screen with errors by default', async () => {
    const { result } = renderModel();
    await ready(result);
    const { graph, current, screen, places } = result.current.screens;
    expect(graph!.nodes.map((n) => [n.id, n.errorCount, n.terminal])).toEqual([
      ['ONE', 1, false],
      ['TWO', 2, true],
    ]);
    expect(current).toBe(0);
    // The screen shown first comes with the map, in the worker's one answer.
    expect(screen).toEqual({ ready: true, value: FLOW.screens[0], error: null });
    expect(result.current.screens.missingId).toBeNull();
    expect(places.byComponent.get('screens/0/layout/children/0')).toEqual([1]);
    // Only the shown screen's errors are placed on components.
    expect(places.byScreen.size).toBe(0);
    act(() => result.current.screens.show(1));
    expect(result.current.screens.places.byScreen.get(1)).toEqual([2]);
    expect([...result.current.screens.places.byComponent]).toEqual([['screens/1/layout/children/0', [0]]]);
  });

  it('opens on the first screen with errors, and on the first screen when none has any', async () => {
    const later = [ERRORS[0]!, ERRORS[2]!];
    const { result } = renderModel('', later);
    await ready(result, later);
    expect(result.current.screens.current).toBe(1);
    cleanup();
    const none = renderModel('', []);
    await ready(none.result, []);
    expect(none.result.current.screens.current).toBe(0);
  });

  it("selecting an error shows the error's screen and drops the screen in the URL", async () => {
    const { result, url } = renderModel('screen=ONE');
    await ready(result);
    expect(result.current.screens.current).toBe(0);
    // The URL's screen, by its id, came with the map.
    expect(result.current.screens.screen.value).toEqual(FLOW.screens[0]);
    act(() => result.current.selection.select(0));
    expect(url().get('error')).toBe('0');
    expect(url().get('screen')).toBeNull();
    expect(result.current.screens.current).toBe(1);
    // Another screen is asked of the worker, which read it with the map.
    expect(result.current.screens.screen.ready).toBe(false);
    await waitFor(() => expect(result.current.screens.screen).toEqual({ ready: true, value: FLOW.screens[1], error: null }));
    expect(result.current.screens.selectedError).toBe(0);
    expect(result.current.viewer.selectedMark).toBe(0);
  });

  it("keeps the overview's part as it is while the JSON, the screens and a selection come, and the ticket tells the page as it is then", async () => {
    const { result } = renderModel();
    await waitFor(() => {
      expect(result.current.errors).toHaveLength(ERRORS.length);
      expect(result.current.source.channel).not.toBeNull();
    });
    const { overview } = result.current;
    await ready(result);
    await waitFor(() => expect(result.current.viewer.placed?.every((p) => p !== undefined)).toBe(true));
    act(() => result.current.screens.show(1));
    act(() => result.current.selection.select(1));
    expect(result.current.overview).toBe(overview);
    expect(overview.staleSelection).toBeNull();
    // The same function, called now, summarises what the page holds now: each error placed in the JSON.
    const placed = result.current.viewer.placed!;
    expect(placed[0]!.snippet).toBeTruthy();
    const ticket = overview.copyTicket();
    expect(ticket).toContain(`: ${placed[0]!.snippet}`);
    expect(ticket).not.toMatch(/still being located|not available/);
  });

  it("keeps the list's and the JSON panel's parts as they are when the screens arrive, only the screen ids change", async () => {
    const renders: ReturnType<typeof useFlowDetailModel>[] = [];
    // The JSON comes after the list is drawn, as a big one does.
    const { result } = renderModel('', ERRORS, { onRender: (model) => renders.push(model), jsonDelayMs: 50 });
    await ready(result);
    expect(renders.findIndex((m) => m.problems.errors !== undefined)).toBeLessThan(renders.findIndex((m) => m.screens.read));
    const at = renders.findIndex((m) => m.screens.read);
    expect(at).toBeGreaterThan(0);
    const [before, after] = [renders[at - 1]!, renders[at]!];
    expect(after.screenIds).toEqual(['ONE', 'TWO']);
    expect(before.screenIds).toEqual([]);
    expect(after.problems).toBe(before.problems);
    expect(after.viewer).toBe(before.viewer);
    expect(after.selection).toBe(before.selection);
    expect(after.download).toBe(before.download);
  });

  it('showing a screen puts it in the URL and moves the JSON viewer to it', async () => {
    const { result, url } = renderModel();
    await ready(result);
    act(() => result.current.screens.show(1));
    expect(url().get('screen')).toBe('TWO');
    expect(result.current.screens.current).toBe(1);
    const reveal = result.current.viewer.reveal!;
    expect(TEXT.slice(reveal.from, reveal.from + 1)).toBe('{');
    expect(TEXT.lastIndexOf('"id"', reveal.from + 20)).toBe(TEXT.indexOf('"id": "TWO"'));
  });

  it('clicking a component selects its first error, or reveals the component in the JSON', async () => {
    const { result, url } = renderModel();
    await ready(result);
    act(() => result.current.screens.selectComponent(['screens', 0, 'layout', 'children', 0], 1));
    expect(url().get('error')).toBe('1');
    expect(url().get('screen')).toBe('ONE');
    act(() => result.current.screens.selectComponent(['screens', 0, 'layout', 'children', 1], null));
    const reveal = result.current.viewer.reveal!;
    expect(TEXT.slice(reveal.from).startsWith('{')).toBe(true);
    expect(TEXT.indexOf('"Footer"', reveal.from)).toBeLessThan(TEXT.indexOf('"TWO"', reveal.from));
    expect(url().get('error')).toBe('1');
  });

  it('puts errors that carry only a line and column on the screen and component they point at', async () => {
    // As some providers report text errors: no pointer path, only where the token is.
    const lineColumn = (needle: string, message: string): ValidationError => {
      const offset = TEXT.indexOf(needle);
      const line = TEXT.slice(0, offset).split('\n').length;
      const column = offset - TEXT.lastIndexOf('\n', offset - 1);
      return { code: 'TEXT_ERROR', type: null, message, lineStart: line, lineEnd: line, columnStart: column, columnEnd: column + needle.length, pointers: [] };
    };
    const errors = [...ERRORS, lineColumn('"Pick"', 'Label not allowed'), lineColumn('"txet"', 'Unknown input type'), { ...lineColumn('"Next"', 'x'), columnStart: null, columnEnd: null }];
    const { result } = renderModel('', errors);
    await ready(result, errors);
    await waitFor(() => expect(result.current.problems.positionPaths.size).toBe(3));
    expect(result.current.problems.positionPaths.get(3)).toEqual(['screens', 1, 'layout', 'children', 0, 'label']);
    // Counted on their screens in the map, and grouped there in the problems list.
    expect(result.current.screens.graph!.nodes.map((n) => n.errorCount)).toEqual([3, 3]);
    expect(result.current.problems.screens.slice(3)).toEqual([1, 0, 0]);
    // On their components in the preview: the TextInput (by column), the Footer (by its line only), the Dropdown.
    expect(result.current.screens.places.byComponent.get('screens/0/layout/children/0')).toEqual([1, 4]);
    expect(result.current.screens.places.byComponent.get('screens/0/layout/children/1')).toEqual([5]);
    act(() => result.current.screens.show(1));
    expect(result.current.screens.places.byComponent.get('screens/1/layout/children/0')).toEqual([0, 3]);
  });

  it('says when the URL names a screen the flow does not have', async () => {
    const { result } = renderModel('screen=GONE');
    await ready(result);
    expect(result.current.screens.missingId).toBe('GONE');
    expect(result.current.screens.current).toBe(0);
  });

  it('keeps the filter in the URL, and F8 steps through the filtered errors', async () => {
    const { result, url } = renderModel();
    await ready(result);
    act(() => result.current.problems.setFilter({ q: 'unknown input' }));
    expect(url().get('q')).toBe('unknown input');
    expect(result.current.problems.shownCount).toBe(1);
    act(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F8' })));
    expect(url().get('error')).toBe('1');
    const codesBefore = result.current.problems.filter.codes;
    act(() => result.current.viewer.setView('raw'));
    // The URL state is memoised on the query: an unrelated change keeps the filter's identity.
    expect(result.current.problems.filter.codes).toBe(codesBefore);
  });
});
