/**
 * The database behind the store: embedded PGlite (PostgreSQL in WebAssembly) in a data directory,
 * or a PostgreSQL server when DATABASE_URL is set. One schema and one query layer (Drizzle) for
 * both; migrations (./migrations) are applied at start-up. Start-up failures say what failed.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SQL } from 'drizzle-orm';
import type { PgliteMessage, PgliteRequest, PgliteWorkerData } from './pglite.worker';

/** The migrations' folder, beside this module (read when a database opens, not when the module loads: config.ts imports it in any environment). */
const migrationsFolder = () => fileURLToPath(new URL('./migrations', import.meta.url));
/** Two replicas starting together must not migrate at once. */
const MIGRATION_LOCK = 7_413_001;

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Rows of a query, whatever the engine (both drivers answer `{ rows }`). */
export interface Database {
  engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages: the directory, or the server's host and database. */
  where: string;
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Runs `work` in one transaction (a row lock taken inside holds until it ends). */
  transaction<T>(work: (tx: Pick<Database, 'rows'>) => Promise<T>): Promise<T>;
  /** Housekeeping: PGlite's write-ahead log grows until checkpointed. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** postgres://… (a PostgreSQL server); otherwise the embedded engine in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Connections to a PostgreSQL server. */
  poolSize?: number;
  /** Filled in with how long each phase of opening took. */
  phases?: OpenPhases;
}

export async function openDatabase(options: EngineOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 8, options.phases) : openPglite(prepareDirectory(resolve(options.dataDir ?? DEFAULT_DATA_DIR)), options.phases);
}

/** How long opening took, phase by phase (ms): filled in as each one ends. */
export interface OpenPhases {
  /** PGlite's WebAssembly, files and server started; a PostgreSQL connection made. */
  open?: number;
  migrate?: number;
}

export interface OpeningDatabase {
  /** Usable at once: its queries wait until the database is open (at most `waitMs`). */
  db: Database;
  /** Settles once the database is open and migrated; rejects with a StoreError saying what failed. */
  ready: Promise<Database>;
}

/**
 * Starts opening the database and answers at once, so that the server can listen and serve the app
 * while it opens (PGlite takes seconds to start). What can be checked without waiting is checked
 * here and throws a StoreError: the data directory can be created, and no other process holds it.
 */
export function openDatabaseInBackground(options: EngineOptions & { waitMs?: number }): OpeningDatabase {
  const waitMs = options.waitMs ?? 30_000;
  const dir = options.databaseUrl ? null : prepareDirectory(resolve(options.dataDir ?? DEFAULT_DATA_DIR));
  const ready = dir === null ? openPostgres(options.databaseUrl!, options.poolSize ?? 8, options.phases) : openPglite(dir, options.phases);
  // A failure is the caller's to report (through `ready`); queries waiting get it too.
  ready.catch(() => {});
  let opened: Database | null = null;
  void ready.then((db) => (opened = db));
  const where = dir?.dir ?? describeUrl(options.databaseUrl!);
  const open = async (): Promise<Database> => {
    if (opened) return opened;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreError(`The database (${where}) is not open after ${Math.round(waitMs / 1000)} s.`)), waitMs);
    });
    return Promise.race([ready, late]).finally(() => clearTimeout(timer));
  };
  const db: Database = {
    engine: dir === null ? 'postgres' : 'pglite',
    where,
    rows: async (query) => (await open()).rows(query),
    transaction: async (work) => (await open()).transaction(work),
    checkpoint: async () => (await open()).checkpoint(),
    // Closing while it opens: once open (a failed open has nothing to close).
    close: async () => {
      const database = await ready.catch(() => null);
      await database?.close();
    },
  };
  return { db, ready };
}

/** The embedded engine's data directory when the environment does not name one (FLOWDESK_DATA_DIR). */
export const DEFAULT_DATA_DIR = './data';

/** The embedded database, opening since the process started (see `openEmbeddedEarly`). */
export interface EarlyOpening {
  /** The data directory, resolved. */
  dataDir: string;
  /** The opening, or why it could not start (a StoreError: the directory, its lock). */
  opening: OpeningDatabase | { error: unknown };
  phases: OpenPhases;
}

/**
 * Starts opening the embedded database the environment names (FLOWDESK_DATA_DIR, as the
 * configuration reads it), before the server's modules load: its thread starts PGlite on the other
 * core meanwhile. Null when DATABASE_URL names a PostgreSQL server. The server adopts the opening
 * once its configuration is read and names the same directory (`adoptEarlyOpening`).
 */
export function openEmbeddedEarly(env: Record<string, string | undefined> = process.env): EarlyOpening | null {
  if (env.DATABASE_URL?.trim()) return null;
  const dataDir = resolve(env.FLOWDESK_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  const phases: OpenPhases = {};
  try {
    return { dataDir, phases, opening: openDatabaseInBackground({ dataDir, phases }) };
  } catch (error) {
    return { dataDir, phases, opening: { error } };
  }
}

/**
 * The early opening when it is the database the configuration names (then throws what stopped it
 * from starting, as `openDatabaseInBackground` would); otherwise null, and an opening that is not
 * used is closed.
 */
export async function adoptEarlyOpening(early: EarlyOpening | null, options: Pick<EngineOptions, 'databaseUrl' | 'dataDir'>): Promise<OpeningDatabase | null> {
  if (!early) return null;
  if (!options.databaseUrl && resolve(options.dataDir ?? DEFAULT_DATA_DIR) === early.dataDir) {
    if ('error' in early.opening) throw early.opening.error;
    return early.opening;
  }
  if (!('error' in early.opening)) await early.opening.db.close().catch(() => {});
  return null;
}

/** "host:port/database" of a URL, never its password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL (not a valid URL)';
  }
}

async function openPostgres(url: string, poolSize: number, phases: OpenPhases = {}): Promise<Database> {
  const where = describeUrl(url);
  const started = performance.now();
  // Each engine's modules load only when it is used (start-up time).
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle client losing its server must not crash the process: the next query reports it.
  pool.on('error', () => {});
  const client = await pool.connect().catch((error: Error) => {
    void pool.end();
    throw new StoreError(`Cannot reach the PostgreSQL server at ${where} (DATABASE_URL): ${error.message}`);
  });
  phases.open = performance.now() - started;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder: migrationsFolder() });
    phases.migrate = performance.now() - started - phases.open;
  } catch (error) {
    client.release(true);
    await pool.end();
    throw new StoreError(`The database migration failed on ${where}: ${(error as Error).message}`);
  }
  await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
  client.release();
  const db = drizzlePg(pool);
  const rows = async <T>(query: SQL) => (await db.execute(query)).rows as T[];
  return {
    engine: 'postgres',
    where,
    rows,
    transaction: (work) => db.transaction((tx) => work({ rows: async <T>(query: SQL) => (await tx.execute(query)).rows as T[] })),
    checkpoint: async () => {},
    close: () => pool.end(),
  };
}

/**
 * Two processes opening one PGlite directory lose committed rows silently: the embedded store
 * takes the directory with a lock file, and a second process refuses to start.
 */
function lockDirectory(dir: string): () => void {
  const lock = join(dir, 'flowdesk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`Cannot write the lock file in the data directory ${dir}: ${(error as Error).message}`);
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new StoreError(`The data directory ${dir} is in use by another Flow Desk process (pid ${pid}). Stop it, or give this one its own FLOWDESK_DATA_DIR.`);
      }
      // A lock left by a process that is gone.
      rmSync(lock, { force: true });
    }
  }
  throw new StoreError(`Cannot lock the data directory ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite's buffer cache. PostgreSQL's default (128MB) is set up at every start:
 * 32MB opens about 0.6 s of CPU sooner and holds about 100 MB less, and lists read as fast (measured
 * on 100,000 flows; the search is answered from memory, not from these buffers).
 */
const PGLITE_SHARED_BUFFERS = '32MB';

/** The embedded engine's directory, created and locked for this process (throws a StoreError saying why not). */
function prepareDirectory(dir: string): { dir: string; unlock: () => void } {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`Cannot create the data directory ${dir}: ${(error as Error).message}`);
  }
  return { dir, unlock: lockDirectory(dir) };
}

/**
 * PGlite runs in a worker thread of its own (pglite.worker.ts): its start (a second of CPU on 100,000
 * flows, in one call that never yields) and its queries no longer hold the server's event loop, so
 * the app's files and the requests that need no database are answered meanwhile. The lock on the
 * directory is this process's; queries and transactions are messages to the thread, one at a time.
 */
async function openPglite({ dir, unlock }: { dir: string; unlock: () => void }, phases: OpenPhases = {}): Promise<Database> {
  // The SQL is turned into text and parameters here, as Drizzle's PGlite driver does.
  const dialect = import('drizzle-orm/pg-core').then(({ PgDialect }) => new PgDialect());
  const url = new URL(`./pglite.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url);
  const workerData: PgliteWorkerData = { dir: join(dir, 'pglite'), migrations: migrationsFolder(), sharedBuffers: PGLITE_SHARED_BUFFERS };
  const worker = url.pathname.endsWith('.ts')
    ? // A worker does not inherit the loader: register tsx, then load the worker's module.
      new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, name: 'pglite', workerData })
    : new Worker(url, { name: 'pglite', workerData });
  let stopped: Error | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    stopped ??= error;
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.reject(error);
  };
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: PgliteMessage) => {
      // As long as they took on its thread (this one may be busy loading the server's modules meanwhile).
      if (message.type === 'opened') phases.open = message.ms;
      else if (message.type === 'ready') {
        phases.migrate = message.ms;
        resolve();
      } else if (message.type === 'failed') {
        reject(
          new StoreError(message.stage === 'open' ? `Cannot open the embedded database in ${dir} (unreadable or corrupt?): ${message.message}` : `The database migration failed in ${dir}: ${message.message}`),
        );
      } else {
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        if (message.ok) entry.resolve(message.rows ?? []);
        else entry.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
      }
    });
    worker.on('error', (error) => {
      reject(new StoreError(`Cannot open the embedded database in ${dir}: ${error.message}`));
      failAll(new StoreError(`The embedded database in ${dir} stopped: ${error.message}`));
    });
    worker.on('exit', () => {
      reject(new StoreError(`Cannot open the embedded database in ${dir}: its thread stopped.`));
      failAll(new StoreError(`The embedded database in ${dir} is closed.`));
    });
  });
  try {
    await opened;
  } catch (error) {
    await worker.terminate();
    unlock();
    throw error;
  }
  const call = (request: DistributiveOmit<PgliteRequest, 'id'>): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  const pgDialect = await dialect;
  const query = (statement: SQL, tx?: number) => {
    const { sql: text, params } = pgDialect.sqlToQuery(statement);
    return call({ op: 'query', sql: text, params, tx });
  };
  let nextTx = 1;
  let closing: Promise<void> | null = null;
  return {
    engine: 'pglite',
    where: dir,
    rows: async <T>(statement: SQL) => (await query(statement)) as T[],
    transaction: async (work) => {
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await work({ rows: async <T>(statement: SQL) => (await query(statement, tx)) as T[] });
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    checkpoint: async () => {
      await call({ op: 'query', sql: 'CHECKPOINT', params: [] });
    },
    close: () =>
      (closing ??= (async () => {
        await call({ op: 'close' }).catch(() => {});
        failAll(new StoreError(`The embedded database in ${dir} is closed.`));
        await worker.terminate();
        unlock();
      })()),
  };
}

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
