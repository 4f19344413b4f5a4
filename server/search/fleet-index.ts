/**
 * The fleet search's answers, from memory. Every flow of the index is a slot in columns: its value
 * of each facet as a small number (so filtering and counting are array reads and additions), the
 * text free text matches (./text-column), its sort keys, and what its result row shows, with
 * repeated values (accounts, statuses, health, lists of codes) held once. One pass over the slots filters and
 * counts; the page is the smallest slots in the sort order, picked without sorting every match.
 * Pure: ./fleet-search feeds it from the database.
 */
import type { Health } from '../../src/model/flow';
import { SEARCH_FACETS, SEARCH_PAGE_SIZE, type SearchFacet, type SearchQuery, type SearchResult, type SearchRow, type SearchSort } from '../../src/model/search';
import type { FeedFlow } from '../store/store';
import { TextColumn } from './text-column';

/** Values of one facet listed at most, the most frequent first. */
export const FACET_LIMIT = 30;

/** Facets with one value per flow (or none), and those with a list (categories, error codes). */
const SINGLE = ['provider', 'account', 'status', 'health', 'jsonVersion'] as const satisfies readonly SearchFacet[];
type Single = (typeof SINGLE)[number];
type Multi = Exclude<SearchFacet, Single>;
const NONE: readonly number[] = [];
const isSingle = (facet: SearchFacet): facet is Single => (SINGLE as readonly SearchFacet[]).includes(facet);

/** Values as ids, in the order first seen; each value's string held once. */
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

/**
 * One copy of each distinct value (by its key), however many flows have it. Bounded: past `limit`
 * keys it starts afresh (values already shared stay shared; values no flow has any more go).
 */
class Interned<T> {
  private readonly held = new Map<string, T>();
  constructor(private readonly limit = 100_000) {}
  of(key: string, value: T): T {
    const known = this.held.get(key);
    if (known !== undefined) return known;
    if (this.held.size >= this.limit) this.held.clear();
    this.held.set(key, value);
    return value;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

const grown = <T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T => {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
};
/** Three UTF-16 units of a string from `at` as one number that sorts like them (missing ones sort first). */
const threeChars = (s: string, at: number) => ((s.charCodeAt(at) + 1 || 0) * 2 ** 17 + (s.charCodeAt(at + 1) + 1 || 0)) * 2 ** 17 + (s.charCodeAt(at + 2) + 1 || 0);
const time = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
const isoOf = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString());

export function createFleetIndex() {
  const slots = new Map<string, number>();
  let count = 0;
  const dictionaries = Object.fromEntries(SEARCH_FACETS.map((f) => [f, new Dictionary()])) as Record<SearchFacet, Dictionary>;
  const channels = new Dictionary();
  const lists = new Interned<readonly number[]>();
  const healths = new Interned<Health>();
  /** The key each health object (shared by the store within a read) was last held under. */
  const healthKeys = new WeakMap<Health, string>();
  // Columns, one entry per slot.
  let single = Object.fromEntries(SINGLE.map((f) => [f, new Int32Array(1024)])) as Record<Single, Int32Array>;
  const multi: Record<Multi, (readonly number[])[]> = { category: [], code: [] };
  let channel = new Int32Array(1024);
  let errors = new Int32Array(1024);
  let gone = new Uint8Array(1024);
  let updatedMs = new Float64Array(1024);
  let detailsMs = new Float64Array(1024);
  let seenMs = new Float64Array(1024);
  let nameHead = new Float64Array(1024);
  let nameNext = new Float64Array(1024);
  const texts = new TextColumn();
  const flowIds: string[] = [];
  const names: string[] = [];
  const nameKeys: string[] = [];
  const health: (Health | undefined)[] = [];
  /** Whether the flow's categories are known (an empty list and unknown differ in its row). */
  const categoriesKnown: boolean[] = [];

  const ids = (facet: Multi, values: readonly string[] | undefined) => {
    if (!values?.length) return NONE;
    const list = values.map((v) => dictionaries[facet].id(v));
    return lists.of(`${facet}:${list.join(',')}`, list);
  };
  /** Single-valued columns hold the id plus one: 0 is "none", so counting never branches. */
  const healthKey = (h: Health) => {
    let key = healthKeys.get(h);
    if (key === undefined) healthKeys.set(h, (key = JSON.stringify(h)));
    return key;
  };
  const idOrNone = (facet: Single, value: string | null | undefined) => (value == null ? 0 : dictionaries[facet].id(value) + 1);

  function write(slot: number, { row, text }: FeedFlow) {
    const { flow } = row;
    single.provider[slot] = idOrNone('provider', row.provider);
    single.account[slot] = idOrNone('account', row.accountId);
    single.status[slot] = idOrNone('status', flow.status);
    single.health[slot] = idOrNone('health', flow.health?.canSendMessage);
    single.jsonVersion[slot] = idOrNone('jsonVersion', row.jsonVersion);
    multi.category[slot] = ids('category', flow.categories);
    multi.code[slot] = ids('code', row.errorCodes);
    categoriesKnown[slot] = flow.categories !== undefined;
    channel[slot] = channels.id(row.channelId);
    errors[slot] = flow.validationErrorCount ?? -1;
    gone[slot] = row.goneAt === null ? 0 : 1;
    detailsMs[slot] = time(row.detailsAt);
    seenMs[slot] = time(row.seenAt);
    updatedMs[slot] = row.detailsAt === null ? seenMs[slot]! : detailsMs[slot]!;
    texts.set(slot, text);
    flowIds[slot] = flow.id;
    names[slot] = flow.name;
    const key = flow.name.toLowerCase();
    nameKeys[slot] = key === flow.name ? flow.name : key;
    nameHead[slot] = threeChars(key, 0);
    nameNext[slot] = threeChars(key, 3);
    health[slot] = flow.health ? healths.of(healthKey(flow.health), flow.health) : undefined;
  }

  const valueOf = (facet: SearchFacet, id: number) => dictionaries[facet].values[id]!;
  const singleValue = (facet: Single, slot: number) => dictionaries[facet].values[single[facet][slot]! - 1]!;
  function rowOf(slot: number): SearchRow {
    const errorCount = errors[slot]!;
    const jsonVersion = single.jsonVersion[slot]!;
    return {
      accountId: singleValue('account', slot),
      channelId: channels.values[channel[slot]!]!,
      provider: singleValue('provider', slot),
      flow: {
        id: flowIds[slot]!,
        name: names[slot]!,
        status: singleValue('status', slot),
        categories: categoriesKnown[slot] ? multi.category[slot]!.map((id) => valueOf('category', id)) : undefined,
        validationErrorCount: errorCount < 0 ? undefined : errorCount,
        health: health[slot],
      },
      errorCodes: multi.code[slot]!.map((id) => valueOf('code', id)),
      jsonVersion: jsonVersion === 0 ? null : singleValue('jsonVersion', slot),
      detailsAt: isoOf(detailsMs[slot]!),
      seenAt: isoOf(seenMs[slot]!)!,
      // Gone flows are never in results.
      goneAt: null,
    };
  }

  const SORT_KEY: Record<SearchSort, (a: number, b: number) => number> = {
    // Numbers first (the first six characters), the strings only when those are equal.
    name: (a, b) => nameHead[a]! - nameHead[b]! || nameNext[a]! - nameNext[b]! || byText(nameKeys[a]!, nameKeys[b]!),
    status: (a, b) => byText(singleValue('status', a), singleValue('status', b)),
    errors: (a, b) => errors[a]! - errors[b]!,
    updated: (a, b) => updatedMs[a]! - updatedMs[b]!,
    account: (a, b) => byText(singleValue('account', a), singleValue('account', b)),
  };
  /** The sort's order (its direction), then flow id, account and channel ascending: a total order, so pages never overlap. */
  function comparator(sort: SearchSort, dir: 'asc' | 'desc') {
    const key = SORT_KEY[sort] ?? SORT_KEY.name;
    const sign = dir === 'desc' ? -1 : 1;
    return (a: number, b: number) =>
      sign * key(a, b) ||
      byText(flowIds[a]!, flowIds[b]!) ||
      byText(singleValue('account', a), singleValue('account', b)) ||
      byText(channels.values[channel[a]!]!, channels.values[channel[b]!]!);
  }

  return {
    get size() {
      return count;
    },

    /** Adds flows, or replaces what was known of them (flows gone from their provider stay, marked gone). */
    upsert(flows: readonly FeedFlow[]): void {
      for (const flow of flows) {
        const key = `${flow.row.accountId}\u0000${flow.row.channelId}\u0000${flow.row.flow.id}`;
        let slot = slots.get(key);
        if (slot === undefined) {
          slot = count++;
          slots.set(key, slot);
          if (count > channel.length) {
            single = Object.fromEntries(SINGLE.map((f) => [f, grown(single[f], count)])) as Record<Single, Int32Array>;
            channel = grown(channel, count);
            errors = grown(errors, count);
            gone = grown(gone, count);
            updatedMs = grown(updatedMs, count);
            detailsMs = grown(detailsMs, count);
            seenMs = grown(seenMs, count);
            nameHead = grown(nameHead, count);
            nameNext = grown(nameNext, count);
          }
        }
        write(slot, flow);
      }
    },

    /**
     * A page of the flows matching every filter, the total, and each facet's counts (each facet
     * counted under every filter but its own), only within `accounts` (the viewer's: rows, total
     * and counts alike). Flows gone from their provider are not searched.
     */
    search(query: SearchQuery, accounts: 'all' | readonly string[]): SearchResult {
      const accountIds = dictionaries.account;
      let allowed: Uint8Array | null = null;
      if (accounts !== 'all') {
        allowed = new Uint8Array(accountIds.values.length);
        for (const a of accounts) {
          const id = accountIds.ids.get(a);
          if (id !== undefined) allowed[id] = 1;
        }
      }
      const text = query.q.trim().toLowerCase();
      const withErrors = query.errors === 'with';
      const withoutErrors = query.errors === 'without';
      // The filters of facets that have one: the ids each takes (an unknown value takes none).
      const tests = SEARCH_FACETS.filter((f) => query[f].length).map((facet) => {
        const take = new Uint8Array(dictionaries[facet].values.length + 1);
        const shift = isSingle(facet) ? 1 : 0;
        for (const value of query[facet]) {
          const id = dictionaries[facet].ids.get(value);
          if (id !== undefined) take[id + shift] = 1;
        }
        return { facet, single: isSingle(facet) ? single[facet] : null, multi: isSingle(facet) ? null : multi[facet as Multi], take };
      });
      // Counts by id (single-valued facets: by id plus one, 0 counting flows without a value).
      const counts = Object.fromEntries(SEARCH_FACETS.map((f) => [f, new Int32Array(dictionaries[f].values.length + 1)])) as Record<SearchFacet, Int32Array>;
      const { provider, account, status, health: level, jsonVersion } = single;
      const { category, code } = multi;
      const [cProvider, cAccount, cStatus, cHealth, cVersion, cCategory, cCode] = [counts.provider, counts.account, counts.status, counts.health, counts.jsonVersion, counts.category, counts.code];
      const countIn = (facet: SearchFacet, slot: number) => {
        if (isSingle(facet)) counts[facet][single[facet][slot]!]!++;
        else for (const id of multi[facet as Multi][slot]!) counts[facet][id]!++;
      };

      // With free text, only the slots whose text has it (one scan of every text), else all.
      const found = text ? texts.find(text) : null;
      const candidates = found ? found.length : count;

      const matches: number[] = [];
      for (let k = 0; k < candidates; k++) {
        const slot = found ? found[k]! : k;
        if (gone[slot]) continue;
        if (allowed && !allowed[account[slot]! - 1]) continue;
        const errorCount = errors[slot]!;
        if ((withErrors && errorCount <= 0) || (withoutErrors && errorCount !== 0)) continue;
        // Flows failing one facet's filter still count in that facet; failing two, nowhere.
        let failed: SearchFacet | null = null;
        let failures = 0;
        for (let t = 0; t < tests.length && failures < 2; t++) {
          const test = tests[t]!;
          let passes = false;
          if (test.single) passes = test.take[test.single[slot]!] === 1;
          else for (const id of test.multi![slot]!) if (test.take[id] === 1) passes = true;
          if (!passes) {
            failed = test.facet;
            failures++;
          }
        }
        if (failures === 0) {
          matches.push(slot);
          cProvider[provider[slot]!]!++;
          cAccount[account[slot]!]!++;
          cStatus[status[slot]!]!++;
          cHealth[level[slot]!]!++;
          cVersion[jsonVersion[slot]!]!++;
          const categories = category[slot]!;
          for (let i = 0; i < categories.length; i++) cCategory[categories[i]!]!++;
          const codes = code[slot]!;
          for (let i = 0; i < codes.length; i++) cCode[codes[i]!]!++;
        } else if (failures === 1) countIn(failed!, slot);
      }

      const facets: SearchResult['facets'] = {};
      for (const facet of SEARCH_FACETS) {
        const listed: { value: string; count: number }[] = [];
        const shift = isSingle(facet) ? 1 : 0;
        counts[facet].forEach((n, id) => n > 0 && id >= shift && listed.push({ value: valueOf(facet, id - shift), count: n }));
        facets[facet] = listed.sort((a, b) => b.count - a.count || byText(a.value, b.value)).slice(0, FACET_LIMIT);
      }
      const page = smallest(matches, query.offset + SEARCH_PAGE_SIZE, comparator(query.sort, query.dir)).slice(query.offset);
      return { total: matches.length, rows: page.map(rowOf), facets };
    },
  };
}

export type FleetIndex = ReturnType<typeof createFleetIndex>;
