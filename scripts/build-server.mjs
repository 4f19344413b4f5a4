/**
 * Builds the production server once (`npm run build:server`, part of `npm run build`): server/main.ts
 * and the repo's modules it imports bundled into dist-server/main.mjs (and its comparison worker) (packages stay in node_modules),
 * with the database migrations beside it. `npm run serve` runs it with plain node, without loading
 * TypeScript at start-up.
 */
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';

const OUT = 'dist-server';

rmSync(OUT, { recursive: true, force: true });
await build({
  // The comparison worker beside main.mjs, as it is beside main.ts in the sources (server/json-diffs.ts).
  entryPoints: ['server/main.ts', 'server/json-diff.worker.ts'],
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The engine finds its migrations next to itself (./migrations).
cpSync('server/store/migrations', `${OUT}/migrations`, { recursive: true });
