import { afterEach, describe, expect, it, vi } from 'vitest';
import { diffVersions } from '../../../lib/flow-history/diffVersions';
import { diffVersionsOffThread } from './client';
import { compareForTransfer, readAndCompare, withTexts } from './operations';

afterEach(() => vi.unstubAllGlobals());

const doc = (n: number, edit = -1) => JSON.stringify({ screens: Array.from({ length: n }, (_, i) => ({ id: `S${i}`, title: i === edit ? 'Edited' : `Screen ${i}` })) }, null, 2);
const cases: [string, string, string][] = [
  ['small, pretty-printed', doc(3), doc(3, 1)],
  ['big (line diff)', doc(6_000), doc(6_000, 4_321)],
  ['one side minified', JSON.stringify(JSON.parse(doc(3))), doc(3, 2)],
];

describe('the diff worker’s work', () => {
  it.each(cases)('%s: the same texts and changes as diffVersions on the main thread', (_, a, b) => {
    const result = compareForTransfer(a, b);
    expect(withTexts(result, a, b)).toEqual(diffVersions(a, b));
    // A text shown as downloaded does not cross back.
    if (!result.formatted) expect(result).not.toHaveProperty('a');
  });

  it('reads both versions again and checks they are the downloaded ones', async () => {
    const [a, b] = [doc(3), doc(3, 0)];
    vi.stubGlobal('fetch', vi.fn((path: string) => Promise.resolve(new Response(path.endsWith('/old') ? a : b))));
    expect(withTexts(await readAndCompare({ paths: ['/v/old', '/v/new'], lengths: [a.length, b.length] }), a, b)).toEqual(diffVersions(a, b));
    await expect(readAndCompare({ paths: ['/v/old', '/v/new'], lengths: [a.length + 1, b.length] })).rejects.toThrow(/differ/);
  });

  it('without a Worker, compares in the page', async () => {
    const [a, b] = [doc(3), doc(3, 0)];
    expect(await diffVersionsOffThread(['/v/old', '/v/new'], a, b)).toEqual(diffVersions(a, b));
  });
});
