import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppRouter } from './router';

afterEach(() => vi.unstubAllGlobals());

describe('the app router', () => {
  it('runs the root loader for a new page, not for a change of the query alone (one render, no "loading" state)', async () => {
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

    await router.navigate('/changes');
    expect(states).toContain('loading');
    expect(prefetch.mock.calls.length).toBeGreaterThan(loads);
    unsubscribe();
    router.dispose();
  });
});
