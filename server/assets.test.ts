// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createAssetHandler, IMMUTABLE } from './assets';

const dir = mkdtempSync(join(tmpdir(), 'flowdesk-assets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCRIPT = 'export const answer = 42;\n'.repeat(100);
writeFileSync(join(dir, 'index-abc.js'), SCRIPT);
writeFileSync(join(dir, 'index-abc.js.br'), brotliCompressSync(SCRIPT));
writeFileSync(join(dir, 'index-abc.js.gz'), gzipSync(SCRIPT));
writeFileSync(join(dir, 'page-def.css'), 'body { color: red }');
writeFileSync(join(dir, 'notes.txt'), 'not a kind of file the app serves');

const app = new Hono().all('/assets/*', createAssetHandler(dir));
const get = (path: string, encoding?: string, method = 'GET') => app.request(path, { method, headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });

describe('the asset files', () => {
  it('are kept by the browser for good, with their type', async () => {
    const answer = await get('/assets/page-def.css');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(answer.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(answer.headers.get('content-encoding')).toBeNull();
    expect(await answer.text()).toBe('body { color: red }');
  });

  it('are sent compressed as the browser accepts them: Brotli first, then gzip, else as they are', async () => {
    const brotli = await get('/assets/index-abc.js', 'gzip, deflate, br, zstd');
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString()).toBe(SCRIPT);
    const gzip = await get('/assets/index-abc.js', 'gzip;q=1.0, deflate');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-abc.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    expect((await get('/assets/index-abc.js')).headers.get('content-encoding')).toBeNull();
  });

  it('are read once and then answered from memory', async () => {
    await get('/assets/page-def.css');
    writeFileSync(join(dir, 'page-def.css'), 'changed on disk');
    expect(await (await get('/assets/page-def.css')).text()).toBe('body { color: red }');
  });

  it('answer HEAD with the headers only', async () => {
    const head = await get('/assets/page-def.css', undefined, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('body { color: red }'.length));
    expect(await head.text()).toBe('');
  });

  it('answer 404 for a file the build did not write, a compressed copy asked by name, another kind of file, a path out of the folder, or another method', async () => {
    for (const path of ['/assets/missing-123.js', '/assets/index-abc.js.br', '/assets/notes.txt', '/assets/../assets.test.ts', '/assets/%2e%2e%2fassets.test.ts', '/assets/sub/index-abc.js']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get('/assets/index-abc.js', undefined, 'POST')).status).toBe(404);
  });
});
