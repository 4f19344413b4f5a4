import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyKeys } from '../../api/history';
import { comparisonLinkChanged, prefetchComparison } from './prefetch';

afterEach(() => vi.unstubAllGlobals());

const params = { accountId: 'acc', channelId: 'ch', flowId: 'f1' };
const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

describe('prefetchComparison', () => {
  it('starts loading the changed lines a diff deep link names, and no version', async () => {
    const changes = { formatted: false, linesA: 3, linesB: 3, changed: 2, complete: true, hunks: [{ a: 1, b: 1, lines: [{ kind: 'removed', text: '1' }, { kind: 'added', text: '2' }] }] };
    const fetchMock = vi.fn((_path: string) => Promise.resolve(Response.json(changes)));
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient();
    prefetchComparison(client, params, new URL(`http://x/accounts/acc/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}`));
    expect(fetchMock.mock.calls.map(([path]) => path)).toEqual([`/api/accounts/acc/channels/ch/flows/f1/json-changes/${OLD}/${NEW}`]);
    await vi.waitFor(() => expect(client.getQueryData(historyKeys.changes(params, 'f1', OLD, NEW))).toEqual(changes));
  });

  it('starts downloading and comparing both versions for the whole documents', async () => {
    const fetchMock = vi.fn((path: string) => Promise.resolve(new Response(path.endsWith(OLD) ? '{"a": 1}' : '{"a": 2}')));
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient();
    prefetchComparison(client, params, new URL(`http://x/accounts/acc/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}&whole=1`));
    // Once the whole documents' code has loaded.
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2), { timeout: 15_000 });
    expect(fetchMock.mock.calls.map(([path]) => path)).toEqual([`/api/accounts/acc/channels/ch/flows/f1/json/${OLD}`, `/api/accounts/acc/channels/ch/flows/f1/json/${NEW}`]);
    await vi.waitFor(() => expect(client.getQueryData(historyKeys.versionDiff(params, 'f1', OLD, NEW))).toMatchObject({ a: '{"a": 1}', b: '{"a": 2}' }));
  });

  it('does nothing for other views of the flow page', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient();
    for (const query of ['', '?view=history', `?view=diff&from=${OLD}`, `?view=diff&from=nothex&to=${NEW}`]) {
      prefetchComparison(client, params, new URL(`http://x/accounts/acc/channels/ch/flows/f1${query}`));
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says when a navigation links to another comparison (another pair, or the whole documents)', () => {
    const at = (query: string) => ({ params: { accountId: 'acc', channelId: 'ch', flowId: 'f1' }, url: new URL(`http://x/accounts/acc/channels/ch/flows/f1${query}`) });
    const diff = `?view=diff&from=${OLD}&to=${NEW}`;
    expect(comparisonLinkChanged(at('?view=history'), at(diff))).toBe(true);
    expect(comparisonLinkChanged(at(diff), at(`${diff}&whole=1`))).toBe(true);
    expect(comparisonLinkChanged(at(diff), at(`?view=diff&from=${NEW}&to=${OLD}`))).toBe(true);
    // The layout, an entry, or another view without a comparison: the same (or no) comparison.
    expect(comparisonLinkChanged(at(diff), at(`${diff}&layout=unified`))).toBe(false);
    expect(comparisonLinkChanged(at('?view=history'), at('?view=history&entry=12'))).toBe(false);
  });
});
