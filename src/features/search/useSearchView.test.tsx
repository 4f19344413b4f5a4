import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchQueryOptions } from '../../api/search';
import { useSearchView } from './useSearchView';

const EMPTY = { total: 0, rows: [], facets: {} };

afterEach(() => vi.unstubAllGlobals());

/** The hook inside a router on `/search?<query>` and a fresh query client; every request recorded. */
function setUp(query: string) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      asked.push(new URL(String(input), 'http://localhost').search);
      return new Response(JSON.stringify(EMPTY), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const renders: string[] = [];
  function Wrapper({ children }: { children: ReactNode }) {
    const [router] = useState(() => createMemoryRouter([{ path: '/search', element: children }], { initialEntries: [`/search?${query}`] }));
    return (
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    );
  }
  const hook = renderHook(
    () => {
      const [view, update] = useSearchView();
      // As the search page reads its results.
      useQuery(searchQueryOptions(view));
      renders.push(view.q);
      return { view, update };
    },
    { wrapper: Wrapper },
  );
  return { ...hook, asked, client, renders };
}

describe('useSearchView', () => {
  it('reads the search from the URL, and a change starts at the first page', async () => {
    const { result } = setUp('q=checkout&status=BLOCKED&offset=200');
    expect(result.current.view).toMatchObject({ q: 'checkout', status: ['BLOCKED'], offset: 200 });
    act(() => result.current.update({ q: 'check' }));
    await waitFor(() => expect(result.current.view).toMatchObject({ q: 'check', status: ['BLOCKED'], offset: 0 }));
  });

  it('keeps `update` the same function while the URL changes (the page memoises what takes it)', async () => {
    const { result } = setUp('q=a');
    const first = result.current.update;
    act(() => result.current.update({ q: 'ab' }));
    await waitFor(() => expect(result.current.view.q).toBe('ab'));
    expect(result.current.update).toBe(first);
    // And it still reads the URL as it is now: the status set below is kept by the next change.
    act(() => result.current.update({ status: ['BLOCKED'] }));
    await waitFor(() => expect(result.current.view.status).toEqual(['BLOCKED']));
    act(() => result.current.update({ q: 'abc' }));
    await waitFor(() => expect(result.current.view).toMatchObject({ q: 'abc', status: ['BLOCKED'] }));
  });

  it('asks for the results of a change at once, before the page renders the new URL, and only once', async () => {
    const { result, asked, client, renders } = setUp('q=inv');
    await waitFor(() => expect(asked).toHaveLength(1));
    const rendersBefore = renders.length;
    let fetchingAtUpdate = false;
    act(() => {
      result.current.update({ q: 'inva' });
      // Still inside the event, the page has not rendered the new URL yet.
      fetchingAtUpdate = client.isFetching() > 0;
      expect(renders.length).toBe(rendersBefore);
    });
    expect(fetchingAtUpdate).toBe(true);
    await waitFor(() => expect(result.current.view.q).toBe('inva'));
    await waitFor(() => expect(client.isFetching()).toBe(0));
    // The page's own query is the prefetched one: one request for the new text, not two.
    expect(asked.filter((search) => new URLSearchParams(search).get('q') === 'inva')).toHaveLength(1);
  });
});
