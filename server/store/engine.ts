/**
 * The database behind the store: embedded PGlite (PostgreSQL in WebAssembly) in a data directory,
 * or a PostgreSQL server when DATABASE_URL is set. One schema and one query layer (Drizzle) for
 * both; migrations (./migrations) are applied at start-up. Start-up failures say what failed.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { drizzle as DrizzlePglite } from 'drizzle-orm/pglite';
import type { migrate as MigratePglite } from 'drizzle-orm/pglite/migrator';
import { sql, type SQL } from 'drizzle-orm';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
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
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 8, options.phases) : openPglite(prepareDirectory(resolve(options.dataDir ?? './data')), options.phases);
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
  const dir = options.databaseUrl ? null : prepareDirectory(resolve(options.dataDir ?? './data'));
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
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS });
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
 * PGlite's buffer cache. PostgreSQL's default (128MB) is set up on the main thread at every start:
 * 32MB opens about 0.6 s of CPU sooner and holds about 100 MB less, and lists read as fast (measured
 * on 100,000 flows; the search is answered from memory, not from these buffers).
 */
const PGLITE_SHARED_BUFFERS = '32MB';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The embedded engine's directory, created and locked for this process (throws a StoreError saying why not). */
function prepareDirectory(dir: string): { dir: string; unlock: () => void } {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`Cannot create the data directory ${dir}: ${(error as Error).message}`);
  }
  return { dir, unlock: lockDirectory(dir) };
}

async function openPglite({ dir, unlock }: { dir: string; unlock: () => void }, phases: OpenPhases = {}): Promise<Database> {
  const started = performance.now();
  let client: PGlite;
  let drizzlePglite: typeof DrizzlePglite;
  let migratePglite: typeof MigratePglite;
  try {
    // Each engine's modules load only when it is used (start-up time).
    const [{ PGlite }, { pg_trgm }, drizzleModule, migrator] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
    drizzlePglite = drizzleModule.drizzle;
    migratePglite = migrator.migrate;
    client = await PGlite.create(join(dir, 'pglite'), { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] });
  } catch (error) {
    unlock();
    throw new StoreError(`Cannot open the embedded database in ${dir} (unreadable or corrupt?): ${(error as Error).message}`);
  }
  phases.open = performance.now() - started;
  const db = drizzlePglite(client);
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
    phases.migrate = performance.now() - started - phases.open;
  } catch (error) {
    await client.close().catch(() => {});
    unlock();
    throw new StoreError(`The database migration failed in ${dir}: ${(error as Error).message}`);
  }
  // PGlite runs each query on this thread, synchronously under its promise: a loop of awaited
  // queries (a sync writing a channel) would never let the event loop answer a request. Every
  // query first yields to it.
  const rows = async <T>(query: SQL) => {
    await yieldToEventLoop();
    return (await db.execute(query)).rows as T[];
  };
  return {
    engine: 'pglite',
    where: dir,
    rows,
    transaction: async (work) => {
      await yieldToEventLoop();
      return db.transaction((tx) =>
        work({
          rows: async <T>(query: SQL) => {
            await yieldToEventLoop();
            return (await tx.execute(query)).rows as T[];
          },
        }),
      );
    },
    checkpoint: async () => {
      await db.execute(sql`CHECKPOINT`);
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}
