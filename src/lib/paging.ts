/** Walks a cursor-paginated list to the end: it stops when a page has no next cursor, never because a page was short. */
export async function* allPages<P extends { next?: string }>(fetchPage: (cursor: string | undefined) => Promise<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page;
    cursor = page.next;
    // A provider that hands back a cursor it already gave would loop forever.
    if (cursor !== undefined && seen.has(cursor)) throw new Error('The provider repeated a page cursor; stopped listing to avoid a loop.');
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
}
