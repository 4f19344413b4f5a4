import { visit } from 'jsonc-parser';
import { pathKey } from './path';
import type { JsonPath, Range } from './types';

/** What one pass found for a path: its scalar value, its property key, its container's first character. */
export interface PathHit {
  value?: Range;
  key?: Range;
  container?: Range;
}

/**
 * Resolves all paths in ONE `visit` pass. Containers that no wanted path goes through are
 * skipped (their callbacks are suppressed), so only the spine of each path pays for path building.
 */
export function resolvePaths(text: string, paths: readonly JsonPath[]): PathHit[] {
  const hits: PathHit[] = paths.map(() => ({}));
  if (paths.length === 0) return hits;
  const wanted = new Map<string, number[]>();
  const prefixes = new Set<string>();
  paths.forEach((path, i) => {
    const key = pathKey(path);
    const list = wanted.get(key);
    if (list) list.push(i);
    else wanted.set(key, [i]);
    for (let n = 0; n < path.length; n++) prefixes.add(pathKey(path.slice(0, n)));
  });

  const record = (path: JsonPath, field: keyof PathHit, range: Range) => {
    for (const i of wanted.get(pathKey(path)) ?? []) hits[i]![field] ??= range;
  };
  const onContainer = (offset: number, _length: number, _line: number, _ch: number, pathOf: () => JsonPath) => {
    const path = pathOf();
    record(path, 'container', { from: offset, to: offset + 1 });
    return prefixes.has(pathKey(path));
  };
  // The End callbacks must exist: jsonc-parser only lifts a suppression from a Begin callback
  // that returned false inside the matching End callback.
  const onContainerEnd = () => {};
  visit(text, {
    onObjectBegin: onContainer,
    onArrayBegin: onContainer,
    onObjectEnd: onContainerEnd,
    onArrayEnd: onContainerEnd,
    onObjectProperty: (name, offset, length, _line, _ch, pathOf) => {
      record([...pathOf(), name], 'key', { from: offset, to: offset + length });
    },
    onLiteralValue: (_value, offset, length, _line, _ch, pathOf) => {
      record(pathOf(), 'value', { from: offset, to: offset + length });
    },
  });
  return hits;
}

/** The range to highlight for a hit: the scalar value, else the property key, else the `{`/`[`. */
export function hitRange(hit: PathHit | undefined): Range | undefined {
  return hit ? (hit.value ?? hit.key ?? hit.container) : undefined;
}

/** Locates every path in one pass over the document; undefined where a path does not resolve. */
export function locatePaths(text: string, paths: readonly JsonPath[]): (Range | undefined)[] {
  return resolvePaths(text, paths).map(hitRange);
}

/**
 * Where each item of the array at `path` sits in the text, whole (`text.slice(from, to)` is the
 * item's JSON), in one pass that skips everything inside the items. Empty when there is no such
 * array; where a key repeats, the last one's array (as `JSON.parse` reads it).
 */
export function arrayItemRanges(text: string, path: JsonPath): Range[] {
  const key = pathKey(path);
  const prefixes = new Set<string>();
  for (let n = 0; n < path.length; n++) prefixes.add(pathKey(path.slice(0, n)));
  let items: Range[] = [];
  let inArray = false;
  /** The start of the item container whose End comes next (its inside is skipped), or -1. */
  let open = -1;
  const isItem = (pathOf: () => JsonPath) => {
    const at = pathOf();
    return at.length === path.length + 1 && pathKey(at.slice(0, -1)) === key;
  };
  const onBegin = (isArray: boolean) => (offset: number, _length: number, _line: number, _ch: number, pathOf: () => JsonPath) => {
    if (inArray && isItem(pathOf)) {
      open = offset;
      return false;
    }
    const at = pathKey(pathOf());
    if (at === key) {
      // A later key of the same name replaces what an earlier one held, even with something else than an array.
      items = [];
      inArray = isArray;
      return isArray;
    }
    return prefixes.has(at);
  };
  const onEnd = (offset: number, length: number) => {
    if (open !== -1) {
      items.push({ from: open, to: offset + length });
      open = -1;
    } else if (inArray) inArray = false;
  };
  visit(text, {
    onObjectBegin: onBegin(false),
    onArrayBegin: onBegin(true),
    onObjectEnd: onEnd,
    onArrayEnd: onEnd,
    onLiteralValue: (_value, offset, length, _line, _ch, pathOf) => {
      if (inArray && isItem(pathOf)) items.push({ from: offset, to: offset + length });
      else if (pathKey(pathOf()) === key) items = [];
    },
  });
  return items;
}

/** The JSON path of the token at an offset, and whether that token is a property key. */
export interface PathAtOffset {
  path: JsonPath;
  isKey: boolean;
}

/**
 * For each offset, the path of the last key, scalar or container start at or before it (so an
 * offset inside a token maps to that token), in one pass. Carries errors that have positions but
 * no pointer path over to a reformatted document.
 */
export function pathsAtOffsets(text: string, offsets: readonly number[]): (PathAtOffset | undefined)[] {
  const result: (PathAtOffset | undefined)[] = new Array(offsets.length).fill(undefined);
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  let next = 0;
  let last: PathAtOffset | undefined;

  // Settles wanted offsets that lie before this event, then makes the event the latest one.
  // The visitor's path is only copied while some wanted offset still lies ahead.
  const event = (offset: number, pathOf: () => JsonPath, name?: string) => {
    while (next < order.length && offsets[order[next]!]! < offset) result[order[next++]!] = last;
    if (next >= order.length) return;
    const base = pathOf();
    last = name === undefined ? { path: base, isKey: false } : { path: [...base, name], isKey: true };
  };
  visit(text, {
    onObjectBegin: (offset, _l, _line, _ch, pathOf) => event(offset, pathOf),
    onArrayBegin: (offset, _l, _line, _ch, pathOf) => event(offset, pathOf),
    onObjectProperty: (name, offset, _l, _line, _ch, pathOf) => event(offset, pathOf, name),
    onLiteralValue: (_v, offset, _l, _line, _ch, pathOf) => event(offset, pathOf),
  });
  while (next < order.length) result[order[next++]!] = last;
  return result;
}
