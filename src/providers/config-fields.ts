/** Zod building blocks for providers' account config fields (shared, so every provider validates alike). */
import { z } from 'zod';

/** Sent as a header value: anything but visible ASCII would fail every call with a misleading error. */
export const secret = () => z.string().regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** A base URL: http(s)://host[:port][/path], without credentials, query or fragment; trailing slashes dropped. */
export const baseUrl = () =>
  z
    .string()
    .transform((v) => v.trim().replace(/\/+$/, ''))
    .pipe(z.url({ protocol: /^https?$/ }))
    // fetch refuses URLs with credentials, and a query or fragment would be merged into every call.
    .refine((v) => {
      const url = URL.parse(v);
      return !url || (!url.username && !url.password && !url.search && !url.hash);
    }, 'must be http(s)://host[:port][/path], without credentials, query or fragment');

/** A list of ids, each matching `pattern` (a provider's id shape), at least one. */
export const idList = (pattern: RegExp, what: string) =>
  z.array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(pattern, `must be a valid ${what}`))).min(1, `needs at least one ${what}`);
