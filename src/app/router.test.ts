import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppRouter } from './router';

afterEach(() => vi.unstubAllGlobals());

describe('the app router', () => {
  it('runs the root loader for a new page and a comparison linked, not for another change of the query (one render, no "loading" state)', async () => {
    // Nothing answers: only the requests the loader starts are counted.
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
    window.history.replaceState(null, '', '/search');
    const queryClient = new QueryClient();
    const prefetch = vi.spyOn(queryClient, 'prefetchQuery');
    const router = createAppRouter(queryClient);
    await vi.waitFor(() => expect(router.state.initialized).toBe(true));
    const loads = prefetch.mock.calls.length;
    expect(loads).toBeGreaterThan(0);

    const states: string[] = [];
    const unsubscribe = router.subscribe((state) => states.push(state.navigation.state));
    await router.navigate('/search?q=inv', { replace: true });
    expect(states).not.toContain('loading');
    expect(prefetch.mock.calls.length).toBe(loads);

    // A comparison linked on the flow page: the loader prefetches it, at the navigation's start.
    await router.navigate('/accounts/acc/channels/ch/flows/f1?view=history');
    const onFlow = prefetch.mock.calls.length;
    await router.navigate(`/accounts/acc/channels/ch/flows/f1?view=diff&from=${'a'.repeat(64)}&to=${'b'.repeat(64)}`);
    expect(prefetch.mock.calls.slice(onFlow).map(([options]) => options.queryKey)).toContainEqual(expect.arrayContaining(['a'.repeat(64), 'b'.repeat(64)]));

    await router.navigate('/changes');
    expect(states).toContain('loading');
    expect(prefetch.mock.calls.length).toBeGreaterThan(loads);
    unsubscribe();
    router.dispose();
  });
});
