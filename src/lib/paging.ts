/**
 * Walks a cursor-paginated list to the end: it stops when a page has no next cursor, never
 * because a page was short. A provider that never stops handing out cursors is cut off: at most
 * `maxPages` pages and `maxItems` items per list, and at most `maxEmptyPages` empty pages in a
 * row that still carry a cursor. The defaults fit the largest channels we know (100,000 flows in
 * 100 pages of 1,000) with room to spare.
 */
export interface PagingLimits {
  maxPages: number;
  maxItems: number;
  maxEmptyPages: number;
}

export const DEFAULT_PAGING_LIMITS: PagingLimits = { maxPages: 500, maxItems: 250_000, maxEmptyPages: 3 };

export class PagingLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PagingLimitError';
  }
}

export async function* allPages<P extends { next?: string }>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  limits: Partial<PagingLimits> & { countItems?: (page: P) => number } = {},
): AsyncGenerator<P> {
  const { maxPages, maxItems, maxEmptyPages } = { ...DEFAULT_PAGING_LIMITS, ...limits };
  const count = limits.countItems ?? ((page: P) => ((page as { flows?: unknown[] }).flows ?? (page as { items?: unknown[] }).items ?? []).length);
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let items = 0;
  let emptyInARow = 0;
  do {
    const page = await fetchPage(cursor);
    pages++;
    const n = count(page);
    items += n;
    emptyInARow = n === 0 ? emptyInARow + 1 : 0;
    yield page;
    cursor = page.next;
    if (cursor === undefined) break;
    // A provider that hands back a cursor it already gave would loop forever.
    if (seen.has(cursor)) throw new PagingLimitError('The provider repeated a page cursor; stopped listing to avoid a loop.');
    if (pages >= maxPages) throw new PagingLimitError(`The provider kept handing out pages; stopped listing after ${maxPages} pages (${items} items).`);
    if (items >= maxItems) throw new PagingLimitError(`The list is longer than ${maxItems} items; stopped listing there.`);
    if (emptyInARow >= maxEmptyPages) throw new PagingLimitError(`The provider sent ${emptyInARow} empty pages in a row that still pointed to a next page; stopped listing.`);
    seen.add(cursor);
  } while (cursor !== undefined);
}
