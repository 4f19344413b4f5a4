/**
 * The fleet search's answers, from memory: every flow of the index as its result row, its values
 * of each facet as small numbers (so counting is adding into arrays), and the text that free text
 * matches. One pass over the flows filters and counts; the page is the smallest rows of the sort
 * order, picked without sorting every match. Pure: ./fleet-search feeds it from the database.
 */
import { SEARCH_FACETS, SEARCH_PAGE_SIZE, type SearchFacet, type SearchQuery, type SearchResult, type SearchRow, type SearchSort } from '../../src/model/search';
import type { FeedFlow } from '../store/store';

/** Values of one facet listed at most, the most frequent first. */
export const FACET_LIMIT = 30;

interface Entry {
  row: SearchRow;
  /** Lower case: name, flow id, error codes and messages. */
  text: string;
  /** Per facet (SEARCH_FACETS' order), the ids of the row's values in that facet's dictionary. */
  values: number[][];
  nameKey: string;
  updatedMs: number;
}

/** A facet's values as ids, in the order first seen. */
class Dictionary {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }
}

/** A row's values of each facet: categories and error codes have several, the others one or none. */
function facetValues(row: SearchRow): Record<SearchFacet, readonly (string | null | undefined)[]> {
  return {
    provider: [row.provider],
    account: [row.accountId],
    status: [row.flow.status],
    category: row.flow.categories ?? [],
    health: [row.flow.health?.canSendMessage],
    code: row.errorCodes,
    jsonVersion: [row.jsonVersion],
  };
}

type Compare = (a: Entry, b: Entry) => number;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SORT_KEY: Record<SearchSort, Compare> = {
  name: (a, b) => byText(a.nameKey, b.nameKey),
  status: (a, b) => byText(a.row.flow.status, b.row.flow.status),
  errors: (a, b) => (a.row.flow.validationErrorCount ?? -1) - (b.row.flow.validationErrorCount ?? -1),
  updated: (a, b) => a.updatedMs - b.updatedMs,
  account: (a, b) => byText(a.row.accountId, b.row.accountId),
};

/** The sort's order (its direction), then flow id, account and channel ascending: a total order, so pages never overlap. */
function comparator(sort: SearchSort, dir: 'asc' | 'desc'): Compare {
  const key = SORT_KEY[sort] ?? SORT_KEY.name;
  const sign = dir === 'desc' ? -1 : 1;
  return (a, b) => sign * key(a, b) || byText(a.row.flow.id, b.row.flow.id) || byText(a.row.accountId, b.row.accountId) || byText(a.row.channelId, b.row.channelId);
}

/** The `k` smallest items in order: a bounded heap (largest on top) when k is small beside the items, else a sort. */
export function smallest<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.slice().sort(compare).slice(0, k);
  const heap: T[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i]!, heap[parent]!) <= 0) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < k && compare(heap[l]!, heap[top]!) > 0) top = l;
        if (r < k && compare(heap[r]!, heap[top]!) > 0) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return heap.sort(compare);
}

export function createFleetIndex() {
  const entries: Entry[] = [];
  const slots = new Map<string, number>();
  const dictionaries = SEARCH_FACETS.map(() => new Dictionary());

  const toEntry = (flow: FeedFlow): Entry => {
    const values = facetValues(flow.row);
    return {
      row: flow.row,
      text: flow.text,
      values: SEARCH_FACETS.map((facet, i) => values[facet].filter((v): v is string => v != null).map((v) => dictionaries[i]!.id(v))),
      nameKey: flow.row.flow.name.toLowerCase(),
      updatedMs: Date.parse(flow.row.detailsAt ?? flow.row.seenAt),
    };
  };

  return {
    get size() {
      return entries.length;
    },

    /** Adds flows, or replaces what was known of them (flows gone from their provider stay, marked gone). */
    upsert(flows: readonly FeedFlow[]): void {
      for (const flow of flows) {
        const key = `${flow.row.accountId}\u0000${flow.row.channelId}\u0000${flow.row.flow.id}`;
        const slot = slots.get(key);
        if (slot === undefined) slots.set(key, entries.push(toEntry(flow)) - 1);
        else entries[slot] = toEntry(flow);
      }
    },

    /**
     * A page of the flows matching every filter, the total, and each facet's counts (each facet
     * counted under every filter but its own), only within `accounts` (the viewer's: rows, total
     * and counts alike). Flows gone from their provider are not searched.
     */
    search(query: SearchQuery, accounts: 'all' | readonly string[]): SearchResult {
      const allowed = accounts === 'all' ? null : new Set(accounts);
      const text = query.q.trim().toLowerCase();
      // The facets with a filter: which of their ids it takes.
      const tests = SEARCH_FACETS.flatMap((facet, f) => {
        if (!query[facet].length) return [];
        const wanted = new Uint8Array(dictionaries[f]!.values.length);
        for (const value of query[facet]) {
          const id = dictionaries[f]!.ids.get(value);
          if (id !== undefined) wanted[id] = 1;
        }
        return [{ f, wanted }];
      });
      const counts = dictionaries.map((d) => new Int32Array(d.values.length));
      const countAll = (e: Entry) => {
        for (let f = 0; f < counts.length; f++) for (const id of e.values[f]!) counts[f]![id]!++;
      };
      const matches: Entry[] = [];
      for (const e of entries) {
        const { row } = e;
        if (row.goneAt !== null || (allowed && !allowed.has(row.accountId))) continue;
        const errors = row.flow.validationErrorCount;
        if (query.errors === 'with' && !(errors !== undefined && errors > 0)) continue;
        if (query.errors === 'without' && errors !== 0) continue;
        if (text && !e.text.includes(text)) continue;
        // Rows failing one facet's filter still count in that facet; failing two, nowhere.
        let failed = -1;
        let failures = 0;
        for (const t of tests) {
          if (!e.values[t.f]!.some((id) => t.wanted[id] === 1)) {
            failed = t.f;
            if (++failures > 1) break;
          }
        }
        if (failures === 0) {
          matches.push(e);
          countAll(e);
        } else if (failures === 1) {
          for (const id of e.values[failed]!) counts[failed]![id]!++;
        }
      }
      const facets: SearchResult['facets'] = {};
      SEARCH_FACETS.forEach((facet, f) => {
        const listed: { value: string; count: number }[] = [];
        counts[f]!.forEach((count, id) => count > 0 && listed.push({ value: dictionaries[f]!.values[id]!, count }));
        facets[facet] = listed.sort((a, b) => b.count - a.count || byText(a.value, b.value)).slice(0, FACET_LIMIT);
      });
      const page = smallest(matches, query.offset + SEARCH_PAGE_SIZE, comparator(query.sort, query.dir)).slice(query.offset);
      return { total: matches.length, rows: page.map((e) => e.row), facets };
    },
  };
}

export type FleetIndex = ReturnType<typeof createFleetIndex>;
