/**
 * The embedded engine's thread (see engine.ts): PGlite runs PostgreSQL in WebAssembly on the
 * thread that calls it, and starting it on a data directory of 100,000 flows takes about a second
 * of CPU without yielding. Here it opens, migrates and answers queries while the server's event
 * loop serves the app's files and requests that do not need the database.
 *
 * Messages in: `query` (a statement and its parameters, inside transaction `tx` when given),
 * `begin` / `end` (a transaction; `end` commits or rolls back), `close`. Each is answered with its
 * `id`. Opening reports `opened`, then `ready` (migrated), each with how long it took on this thread
 * (ms), or `failed` with the stage that failed.
 */
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';

export interface PgliteWorkerData {
  /** PGlite's own directory (`<data dir>/pglite`). */
  dir: string;
  migrations: string;
  sharedBuffers: string;
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

export type PgliteMessage =
  | { type: 'opened'; ms: number }
  | { type: 'ready'; ms: number }
  | { type: 'failed'; stage: 'open' | 'migrate'; message: string }
  | { type: 'answer'; id: number; ok: true; rows?: unknown[] }
  | { type: 'answer'; id: number; ok: false; message: string; code?: string };

/** Rows as Drizzle's PGlite driver reads them for `execute`: timestamps, dates and intervals as PostgreSQL's text. */
const asText = (value: string) => value;
const PARSERS = { 1114: asText, 1184: asText, 1186: asText, 1082: asText, 1231: asText, 1115: asText, 1185: asText, 1187: asText, 1182: asText };

const port = parentPort!;
const post = (message: PgliteMessage) => port.postMessage(message);
const failure = (id: number, error: unknown): PgliteMessage => ({ type: 'answer', id, ok: false, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code });

/** Thrown inside a transaction's callback to roll it back. */
class Rollback extends Error {}

/**
 * PostgreSQL's WebAssembly runs as V8's baseline code (Liftoff), never re-compiled by its optimizing
 * compiler (TurboFan). Measured on 100,000 flows: with TurboFan, its background compiles of the
 * functions a start runs took the machine's cores for seconds, and the first query after the open
 * waited 0.2 to 0.9 s for them (a `SELECT 1`); without, it answers in 2 ms, the open takes less CPU,
 * and lists and the search's full read are as fast or faster. The flag is the process's (V8 has
 * one set), and PGlite is the server's only WebAssembly.
 */
setFlagsFromString('--liftoff-only');

async function main() {
  const { dir, migrations, sharedBuffers } = workerData as PgliteWorkerData;
  const started = performance.now();
  let client: PGlite;
  // Drizzle's migrator loads while PGlite starts.
  const migrator = Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  migrator.catch(() => {});
  try {
    const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
    client = await PGlite.create(dir, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`] });
  } catch (error) {
    return post({ type: 'failed', stage: 'open', message: (error as Error).message });
  }
  const opened = performance.now();
  post({ type: 'opened', ms: opened - started });
  try {
    const [{ drizzle }, { migrate }] = await migrator;
    await migrate(drizzle(client), { migrationsFolder: migrations });
  } catch (error) {
    await client.close().catch(() => {});
    return post({ type: 'failed', stage: 'migrate', message: (error as Error).message });
  }

  // Open transactions: their handle, and how to end them.
  const transactions = new Map<number, { tx: Transaction; end: (commit: boolean) => void; ended: Promise<void> }>();
  port.on('message', (request: PgliteRequest) => void answer(request));

  async function answer(request: PgliteRequest): Promise<void> {
    const { id } = request;
    try {
      if (request.op === 'query') {
        const runner = request.tx === undefined ? client : transactions.get(request.tx)?.tx;
        if (!runner) throw new Error('the transaction has ended');
        const result = await runner.query(request.sql, request.params, { rowMode: 'object', parsers: PARSERS });
        post({ type: 'answer', id, ok: true, rows: result.rows });
      } else if (request.op === 'begin') {
        // PGlite's transaction holds its lock until the callback settles: other queries wait meanwhile.
        const { tx } = request;
        await new Promise<void>((begun, failed) => {
          let end!: (commit: boolean) => void;
          const decided = new Promise<boolean>((resolve) => (end = resolve));
          const ended = client
            .transaction(async (handle) => {
              transactions.set(tx, { tx: handle, end, ended });
              begun();
              if (!(await decided)) throw new Rollback();
            })
            .then(
              () => {},
              (error: unknown) => {
                if (!(error instanceof Rollback)) throw error;
              },
            )
            .finally(() => transactions.delete(tx));
          ended.catch(failed);
        });
        post({ type: 'answer', id, ok: true });
      } else if (request.op === 'end') {
        const open = transactions.get(request.tx);
        if (!open) throw new Error('the transaction has ended');
        open.end(request.commit);
        await open.ended;
        post({ type: 'answer', id, ok: true });
      } else {
        await client.close();
        post({ type: 'answer', id, ok: true });
      }
    } catch (error) {
      post(failure(id, error));
    }
  }
  post({ type: 'ready', ms: performance.now() - opened });
}

void main();
