/**
 * The app's built files under /assets/: names carry a hash of their content, so each answer may
 * be cached by the browser for good (`immutable`), and an agent's browser fetches them once per
 * release. Each file is read once, at its first request, and then answered from memory (the
 * directory is the build's output: a fixed, bounded set of files, about 2 MB). A file the build
 * also wrote compressed (`.br`, `.gz`: scripts/compress-assets.mjs) is sent compressed to a
 * browser that accepts it.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};
/** Preferred first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves GET and HEAD of /assets/<name> from `dir`; anything else it does not have answers 404. */
export function createAssetHandler(dir: string) {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    names = new Set();
  }
  const bodies = new Map<string, Promise<Buffer>>();
  const read = (name: string) => {
    let body = bodies.get(name);
    if (!body) {
      body = readFile(join(dir, name));
      bodies.set(name, body);
      // A failed read is tried again at the next request.
      body.catch(() => bodies.delete(name));
    }
    return body;
  };

  return async (c: Context) => {
    const name = c.req.path.slice('/assets/'.length);
    const type = TYPES[extname(name)];
    if (!names.has(name) || !type || name.includes('/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return c.text('Not found', 404);
    const accepted = (c.req.header('accept-encoding') ?? '').split(',').map((e) => e.trim().split(';')[0]);
    const encoding = ENCODINGS.find((e) => names.has(name + e.suffix) && accepted.includes(e.name));
    let body: Buffer;
    try {
      body = await read(encoding ? name + encoding.suffix : name);
    } catch {
      return c.text('Could not read the file', 500);
    }
    c.header('Content-Type', type);
    c.header('Cache-Control', IMMUTABLE);
    c.header('Content-Length', String(body.length));
    if (ENCODINGS.some((e) => names.has(name + e.suffix))) c.header('Vary', 'Accept-Encoding');
    if (encoding) c.header('Content-Encoding', encoding.name);
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>, 200);
  };
}
