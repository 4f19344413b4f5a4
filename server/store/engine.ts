/**
 * The database behind the store: embedded PGlite (PostgreSQL in WebAssembly) in a data directory,
 * or a PostgreSQL server when DATABASE_URL is set. One schema and one query layer (Drizzle) for
 * both; migrations (./migrations) are applied at start-up. Start-up failures say what failed.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

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
}

export async function openDatabase(options: EngineOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 8) : openPglite(resolve(options.dataDir ?? './data'));
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

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const where = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle client losing its server must not crash the process: the next query reports it.
  pool.on('error', () => {});
  const client = await pool.connect().catch((error: Error) => {
    void pool.end();
    throw new StoreError(`Cannot reach the PostgreSQL server at ${where} (DATABASE_URL): ${error.message}`);
  });
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS });
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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function openPglite(dir: string): Promise<Database> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`Cannot create the data directory ${dir}: ${(error as Error).message}`);
  }
  const unlock = lockDirectory(dir);
  let client: PGlite;
  try {
    client = await PGlite.create(join(dir, 'pglite'), { extensions: { pg_trgm } });
  } catch (error) {
    unlock();
    throw new StoreError(`Cannot open the embedded database in ${dir} (unreadable or corrupt?): ${(error as Error).message}`);
  }
  const db = drizzlePglite(client);
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
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
