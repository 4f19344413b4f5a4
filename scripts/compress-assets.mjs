/**
 * Part of `npm run build`: writes a Brotli (`.br`) and a gzip (`.gz`) copy of each built script,
 * stylesheet and SVG over 1 KB in dist/assets, which the server sends to browsers that accept them
 * (server/assets.ts). Done once here rather than on every request.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIR = 'dist/assets';
let raw = 0;
let br = 0;
for (const name of readdirSync(DIR)) {
  if (!/\.(m?js|css|svg)$/.test(name)) continue;
  const body = readFileSync(join(DIR, name));
  if (body.length < 1024) continue;
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(join(DIR, `${name}.br`), brotli);
  writeFileSync(join(DIR, `${name}.gz`), gzipSync(body, { level: 9 }));
  raw += body.length;
  br += brotli.length;
}
console.log(`dist/assets: ${(raw / 1e6).toFixed(2)} MB of scripts and styles, ${(br / 1e6).toFixed(2)} MB with Brotli`);
