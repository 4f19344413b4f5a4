/**
 * The built server's entry (`npm run build` bundles it as dist-server/main.mjs; `npm run serve`):
 * starts opening the embedded database in its thread first (PGlite takes about a second of CPU to
 * start on 100,000 flows), then loads the server's modules (main.ts, most of the bundle: about 0.7 s
 * of CPU) on this thread meanwhile, and runs it. On 2 cores both are done about when either alone
 * would be.
 */
import { existsSync } from 'node:fs';
import { openEmbeddedEarly } from './store/engine';

// Variables already in the environment win over the file (main.ts reads it again, to the same effect).
if (existsSync('.env')) process.loadEnvFile('.env');
const early = openEmbeddedEarly(process.env);
const { runServer } = await import('./main');
await runServer(early);
