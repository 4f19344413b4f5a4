/**
 * Fleet search over the flow index: answered from memory (./fleet-index), which reads from the
 * database only the flows written since it last read (the store's feed: by transaction, so every
 * replica sees every other's writes, and a write that commits late is read late, never lost).
 * Each search first catches up, so it sees every write committed before it was asked.
 */
import type { SearchQuery, SearchResult } from '../../src/model/search';
import type { FeedCursor, Store } from '../store/store';
import { createFleetIndex } from './fleet-index';

/** Flows read per statement: PGlite runs one query at a time, so the first full read goes in steps. */
const FEED_PAGE = 5_000;

export function createFleetSearch(store: Pick<Store, 'flowsWrittenSince' | 'flowWrites' | 'db'>, pageSize = FEED_PAGE) {
  const index = createFleetIndex();
  /** The oldest transaction that may have written a flow not read yet ('0' before the first read). */
  let since = '0';
  // The embedded database has one process writing it (the engine locks its directory), so there
  // is nothing new to read unless this store wrote flows since the last read began. A PostgreSQL
  // server has other writers (replicas): it is always asked.
  const onlyWriter = store.db.engine === 'pglite';
  let readAtWrites = -1;

  async function pull(): Promise<void> {
    const writes = store.flowWrites;
    if (onlyWriter && writes === readAtWrites) return;
    let after: FeedCursor | null = null;
    let next: string | null = null;
    for (;;) {
      const page = await store.flowsWrittenSince(since, after, pageSize);
      // The first page's snapshot: anything committed after it has a transaction id from here on.
      next ??= page.xmin;
      index.upsert(page.flows);
      if (page.flows.length < pageSize) break;
      after = page.flows.at(-1)!.cursor;
    }
    since = next;
    readAtWrites = writes;
  }

  // One read at a time; whoever asks while one runs waits for the next, which starts after it
  // (the running one may have begun before their write committed).
  let current: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function catchUp(): Promise<void> {
    if (!current) {
      current = pull().finally(() => (current = null));
      return current;
    }
    queued ??= current
      .catch(() => {})
      .then(() => {
        queued = null;
        return catchUp();
      });
    return queued;
  }

  return {
    /** Reads what was written since the last read (the first call reads every flow). Rejects when the database does. */
    catchUp,
    async search(query: SearchQuery, accounts: 'all' | readonly string[]): Promise<SearchResult> {
      await catchUp();
      return index.search(query, accounts);
    },
    /** Flows held in memory (gone ones included). */
    get size() {
      return index.size;
    },
  };
}

export type FleetSearch = ReturnType<typeof createFleetSearch>;
