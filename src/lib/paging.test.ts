import { describe, expect, it } from 'vitest';
import { allPages, DEFAULT_PAGING_LIMITS } from './paging';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('allPages', () => {
  it('follows cursors until a page has none, through short pages', async () => {
    const served = [
      { items: [1, 2, 3], next: 'a' },
      { items: [4], next: 'b' }, // short, yet not the last
      { items: [5, 6, 7] },
    ];
    const asked: (string | undefined)[] = [];
    const pages = await collect(allPages(async (cursor) => (asked.push(cursor), served[asked.length - 1]!)));
    expect(asked).toEqual([undefined, 'a', 'b']);
    expect(pages.flatMap((p) => p.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops after a single page without a cursor (8x8)', async () => {
    let calls = 0;
    await collect(allPages(async (): Promise<{ next?: string }> => (calls++, {})));
    expect(calls).toBe(1);
  });

  it('refuses to loop on a repeated cursor', async () => {
    await expect(collect(allPages(async () => ({ next: 'same' })))).rejects.toThrow(/repeated a page cursor/);
  });

  it('passes a failing page on after yielding the earlier ones', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const page of allPages(async (c) => {
        if (c === 'x') throw new Error('page 2 failed');
        return { n: 1, next: 'x' };
      }))
        seen.push(page.n);
    };
    await expect(run()).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1]);
  });
});

describe('allPages bounds (a provider that never stops paging)', () => {
  it('stops after maxPages pages of ever-new cursors', async () => {
    let calls = 0;
    const pages: unknown[] = [];
    const run = async () => {
      for await (const page of allPages(async () => ({ items: [calls], next: `c${++calls}` }), { maxPages: 50 })) pages.push(page);
    };
    await expect(run()).rejects.toThrow(/after 50 pages/);
    expect(calls).toBe(50);
    expect(pages).toHaveLength(50);
  });

  it('the default bound holds too (a page that always says "next")', async () => {
    let calls = 0;
    await expect(collect(allPages(async () => ({ flows: [1], next: `c${++calls}` })))).rejects.toThrow(/stopped listing/);
    expect(calls).toBe(DEFAULT_PAGING_LIMITS.maxPages);
  });

  it('stops at maxItems', async () => {
    let calls = 0;
    await expect(collect(allPages(async () => ({ flows: new Array(100).fill(0), next: `c${++calls}` }), { maxItems: 1000 }))).rejects.toThrow(/longer than 1000 items/);
    expect(calls).toBe(10);
  });

  it('stops after maxEmptyPages empty pages in a row that still carry a cursor', async () => {
    let calls = 0;
    await expect(collect(allPages(async () => ({ flows: [], next: `c${++calls}` })))).rejects.toThrow(/3 empty pages in a row/);
    expect(calls).toBe(3);
  });

  it('an empty page between full ones is fine', async () => {
    const served = [{ flows: [1], next: 'a' }, { flows: [], next: 'b' }, { flows: [2] }];
    let i = 0;
    const pages = await collect(allPages(async () => served[i++]!));
    expect(pages).toHaveLength(3);
  });
});
