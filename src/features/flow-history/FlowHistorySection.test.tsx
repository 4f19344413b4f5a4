import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { paths } from '../../config/paths';
import type { HistoryEntry } from '../../model/history';
import { jsonChanges } from '../../lib/flow-history/hunks';
import FlowHistorySection from './FlowHistorySection';

// jsdom has no layout: give the virtualized list a size, as FlowDetailPage.test.tsx does.
const sizes = ['clientHeight', 'clientWidth'] as const;
const native = sizes.map((key) => Object.getOwnPropertyDescriptor(Element.prototype, key));
afterAll(() => {
  sizes.forEach((key, i) => Object.defineProperty(Element.prototype, key, native[i]!));
});
beforeAll(() => {
  for (const key of sizes) {
    Object.defineProperty(Element.prototype, key, {
      configurable: true,
      get(this: Element) {
        return this.getAttribute('data-testid') === 'history-list' ? 420 : 0;
      },
    });
  }
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REF = { accountId: 'acc', channelId: 'ch' } as const;
const FLOW = 'f1';
const BASE = `/api/accounts/acc/channels/ch/flows/${FLOW}`;
const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const doc = (label: string) => JSON.stringify({ version: '6.0', screens: [{ id: 'ONE', layout: { children: [{ type: 'TextHeading', text: label }] } }] });

const entry = (id: string, patch: Partial<HistoryEntry>): HistoryEntry => ({
  id,
  accountId: 'acc',
  channelId: 'ch',
  flowId: FLOW,
  provider: 'p',
  flowName: 'Sign up',
  at: '2026-11-28T12:00:00.000Z',
  source: 'sync',
  kind: 'status',
  from: null,
  to: null,
  detail: null,
  ...patch,
});

/** A tiny in-memory fake of the history routes. */
function fakeServer(entries: HistoryEntry[]) {
  const routes: Record<string, () => Response> = {
    [`${BASE}/history`]: () => Response.json({ entries, more: false }),
    [`${BASE}/json-versions`]: () =>
      Response.json({
        versions: [
          { sha256: NEW, firstSeenAt: '2026-11-28T12:00:00Z', status: 'BLOCKED', errorCount: 0 },
          { sha256: OLD, firstSeenAt: '2026-11-27T12:00:00Z', status: 'PUBLISHED', errorCount: 0 },
        ],
      }),
    // What the server answers: the same computation, on the same two texts.
    [`${BASE}/json-changes/${OLD}/${NEW}`]: () => Response.json(jsonChanges(doc('Welcome'), doc('Hello there'))),
    [`${BASE}/json/${OLD}`]: () => new Response(doc('Welcome')),
    [`${BASE}/json/${NEW}`]: () => new Response(doc('Hello there')),
  };
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    const route = routes[url.pathname];
    return Promise.resolve(route ? route() : Response.json({ kind: 'not_found', message: 'no such route' }, { status: 404 }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function Where() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderAt(search: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MantineProvider>
        <MemoryRouter initialEntries={[paths.flow.getHref(REF, FLOW, search)]}>
          <Routes>
            <Route
              path={paths.flow.path}
              element={
                <>
                  <FlowHistorySection channelRef={REF} flowId={FLOW} />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('FlowHistorySection', () => {
  it('lists the timeline newest first and marks the linked entry', async () => {
    fakeServer([
      entry('e2', { kind: 'status', from: 'PUBLISHED', to: 'BLOCKED', at: '2026-11-28T12:00:00.000Z' }),
      entry('e1', { kind: 'first_seen', to: 'PUBLISHED', at: '2026-11-27T12:00:00.000Z' }),
    ]);
    renderAt('view=history&entry=e2');
    const items = await screen.findAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-entry'))).toEqual(['e2', 'e1']);
    expect(items[0]).toHaveAttribute('aria-current', 'true');
    expect(items[0]).toHaveTextContent('Status changed from PUBLISHED to BLOCKED');
    expect(items[1]).toHaveTextContent('First seen, status PUBLISHED');
  });

  it('compares with the previous version: the old label removed, the new one added, one line each, without downloading either', async () => {
    const fetchMock = fakeServer([entry('e3', { kind: 'json', from: OLD, to: NEW })]);
    renderAt('');
    const button = await screen.findByRole('button', { name: /Compare with the previous version/ });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    expect(screen.getByTestId('location').textContent).toBe(`?view=diff&from=${OLD}&to=${NEW}`);
    const diff = await screen.findByTestId('json-diff');
    await waitFor(() => expect(diff.querySelectorAll('[data-diff="added"]').length).toBe(1));
    const removed = diff.querySelectorAll('[data-diff="removed"]');
    const added = diff.querySelectorAll('[data-diff="added"]');
    expect(removed).toHaveLength(1);
    expect(removed[0]?.textContent).toContain('"Welcome"');
    expect(added[0]?.textContent).toContain('"Hello there"');
    // The words that changed are marked inside the line.
    expect(added[0]?.querySelector('span')?.textContent).toBe('Hello there');
    expect(screen.getByText(/2 changed lines in 1 place \(both versions formatted to compare them\)/)).toBeInTheDocument();
    expect(fetchMock.mock.calls.map(([input]) => String(input))).not.toContain(`${BASE}/json/${OLD}`);
  });

  it('shows the two whole documents in the merge view on request, in the URL', async () => {
    fakeServer([entry('e3', { kind: 'json', from: OLD, to: NEW })]);
    renderAt(`view=diff&from=${OLD}&to=${NEW}`);
    await screen.findByText(/2 changed lines/);
    fireEvent.click(screen.getByRole('radio', { name: 'Whole documents' }));
    expect(screen.getByTestId('location').textContent).toBe(`?view=diff&from=${OLD}&to=${NEW}&whole=1`);
    const diff = await screen.findByTestId('json-diff');
    await waitFor(() => expect(diff.querySelectorAll('.cm-editor').length).toBe(2));
    await waitFor(() => expect(diff.querySelectorAll('[data-diff="added"]').length).toBe(1));
    expect(diff.querySelector('[data-diff="removed"]')?.textContent).toContain('Welcome');
    expect(diff.querySelector('[data-diff="added"]')?.textContent).toContain('Hello there');
  });
});
