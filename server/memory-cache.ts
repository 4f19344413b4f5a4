/**
 * Values read once and kept in memory, least recently used dropped first past `maxBytes`
 * (`sizeOf` each); concurrent reads of one key share one load. A load that finds nothing (null)
 * or fails is not kept, so the next read tries again. A value larger than the whole cache is
 * answered, not kept.
 */
export function createMemoryCache<V>(maxBytes: number, sizeOf: (value: V) => number) {
  const held = new Map<string, V>();
  const loading = new Map<string, Promise<V | null>>();
  let bytes = 0;
  const keep = (key: string, value: V) => {
    const size = sizeOf(value);
    if (size > maxBytes) return;
    held.set(key, value);
    bytes += size;
    for (const [oldest, old] of held) {
      if (bytes <= maxBytes) break;
      held.delete(oldest);
      bytes -= sizeOf(old);
    }
  };
  return {
    get(key: string, load: () => Promise<V | null>): Promise<V | null> {
      if (held.has(key)) {
        const hit = held.get(key)!;
        held.delete(key);
        held.set(key, hit);
        return Promise.resolve(hit);
      }
      let pending = loading.get(key);
      if (!pending) {
        pending = load().then((value) => {
          if (value !== null) keep(key, value);
          return value;
        });
        loading.set(key, pending);
        pending.finally(() => loading.delete(key)).catch(() => {});
      }
      return pending;
    },
    get bytes() {
      return bytes;
    },
  };
}
