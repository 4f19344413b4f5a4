// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createVersionCache } from './history-routes';

const text = (n: number, c = 'x') => c.repeat(n);

describe('createVersionCache', () => {
  it('reads a version once, shares a read in progress, and answers its UTF-8 bytes', async () => {
    const cache = createVersionCache(1_000);
    let reads = 0;
    const read = async () => (reads++, 'é{}');
    const [a, b] = await Promise.all([cache.get('k', read), cache.get('k', read)]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
    expect(new TextDecoder().decode(a!)).toBe('é{}');
    await cache.get('k', read);
    expect(reads).toBe(1);
  });

  it('does not keep unknown versions or failed reads', async () => {
    const cache = createVersionCache(1_000);
    expect(await cache.get('k', async () => null)).toBeNull();
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(new TextDecoder().decode((await cache.get('k', async () => 'ok'))!)).toBe('ok');
  });

  it('drops the least recently used versions past its size', async () => {
    const cache = createVersionCache(250);
    const reads: string[] = [];
    const read = (key: string) => async () => (reads.push(key), text(100));
    await cache.get('a', read('a'));
    await cache.get('b', read('b'));
    await cache.get('a', read('a'));
    await cache.get('c', read('c'));
    expect(cache.bytes).toBe(200);
    await cache.get('a', read('a'));
    await cache.get('b', read('b'));
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
    expect(await cache.get('big', async () => text(300))).toHaveLength(300);
    expect(cache.bytes).toBeLessThanOrEqual(250);
  });
});
