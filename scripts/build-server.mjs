/**
 * Builds the production server once (`npm run build:server`, part of `npm run build`): server/main.ts,
 * the repo's modules and the packages it imports bundled into dist-server/main.mjs (and its
 * comparison worker into json-diff.worker.mjs), with the database migrations beside it. `npm run
 * serve` runs it with plain node, without loading TypeScript at start-up. One file loads in about
 * half the CPU time of the same code as hundreds of package files resolved and read one by one
 * (start-up time).
 */
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';

const OUT = 'dist-server';
/**
 * Packages loaded from node_modules as they are: PGlite reads its WebAssembly and data files next to
 * its own modules; pg and pino look for optional modules of their own at run time; jsonc-parser's
 * build requires its files by computed paths; drizzle-orm's modules import each other in cycles
 * that only its own files' order resolves.
 */
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pino', 'jsonc-parser', 'drizzle-orm', 'drizzle-orm/*'];

rmSync(OUT, { recursive: true, force: true });
await build({
  // The comparison worker beside main.mjs, as it is beside main.ts in the sources (server/json-diffs.ts).
  // The process starts in start.ts (main.mjs), which opens the database before it loads the rest
  // (main.ts, in a chunk of its own); the database's thread and the comparison worker beside it.
  entryPoints: [{ in: 'server/start.ts', out: 'main' }, 'server/json-diff.worker.ts', { in: 'server/store/pglite.worker.ts', out: 'pglite.worker' }],
  splitting: true,
  chunkNames: '[name]-[hash]',
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages in the bundle call require (Node's modules, each other's files).
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The engine finds its migrations next to itself (./migrations).
cpSync('server/store/migrations', `${OUT}/migrations`, { recursive: true });
