// @vitest-environment node
/**
 * The embedded engine in its own thread (pglite.worker.ts): transactions, failures and closing
 * behave as they did on the server's thread, and the server's early opening (start.ts) is adopted
 * only for the directory the configuration names.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptEarlyOpening, openDatabase, openEmbeddedEarly, StoreError, type Database } from './engine';

describe('PGlite in its own thread', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-engine-'));
    db = await openDatabase({ dataDir: dir });
    await db.rows(sql`CREATE TABLE t (id int PRIMARY KEY, at timestamptz, doc jsonb)`);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers rows as the driver on the server thread did: parameters, JSON, timestamps as text', async () => {
    await db.rows(sql`INSERT INTO t VALUES (${1}, ${'2026-11-01T10:00:00Z'}, ${JSON.stringify({ a: [1, 2] })}::jsonb)`);
    const rows = await db.rows<{ id: number; at: string; doc: unknown }>(sql`SELECT id, at, doc FROM t WHERE id = ${1}`);
    expect(rows).toEqual([{ id: 1, at: '2026-11-01 10:00:00+00', doc: { a: [1, 2] } }]);
  });

  it('commits a transaction, and rolls one back when its work throws', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.rows(sql`INSERT INTO t (id) VALUES (${2})`);
      return (await tx.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM t`))[0]!.n;
    });
    expect(value).toBe(2);
    await expect(
      db.transaction(async (tx) => {
        await tx.rows(sql`INSERT INTO t (id) VALUES (${3})`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.rows(sql`SELECT id FROM t ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('makes other queries wait while a transaction is open: they never see its rows half-written', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = db.transaction(async (t) => {
      await t.rows(sql`INSERT INTO t (id) VALUES (${10})`);
      await held;
      await t.rows(sql`INSERT INTO t (id) VALUES (${11})`);
    });
    const outside = db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM t WHERE id >= 10`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await tx;
    expect((await outside)[0]!.n).toBe(2);
  });

  it("fails a bad statement with the database's words and keeps answering", async () => {
    await expect(db.rows(sql`SELECT * FROM no_such_table`)).rejects.toThrow(/no_such_table/);
    await expect(db.transaction((t) => t.rows(sql`INSERT INTO t (id) VALUES (${1})`))).rejects.toThrow(/duplicate key/);
    expect(await db.rows(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('checkpoints', async () => {
    await expect(db.checkpoint()).resolves.toBeUndefined();
  });
});

describe('the early opening (start.ts)', () => {
  it('is adopted for the directory the configuration names, and is the database the server uses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-early-'));
    try {
      const early = openEmbeddedEarly({ FLOWDESK_DATA_DIR: ` ${dir} ` })!;
      expect(early.dataDir).toBe(dir);
      const opening = await adoptEarlyOpening(early, { dataDir: dir });
      expect(opening).not.toBeNull();
      await opening!.ready;
      expect(await opening!.db.rows(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
      expect(early.phases.open).toBeGreaterThan(0);
      await opening!.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is closed, and not used, when the configuration names another directory; not started for DATABASE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-early-'));
    const other = mkdtempSync(join(tmpdir(), 'flowdesk-early-'));
    try {
      expect(openEmbeddedEarly({ DATABASE_URL: 'postgres://x@127.0.0.1:1/db', FLOWDESK_DATA_DIR: dir })).toBeNull();
      const early = openEmbeddedEarly({ FLOWDESK_DATA_DIR: dir })!;
      expect(await adoptEarlyOpening(early, { dataDir: other })).toBeNull();
      // Its lock is gone: the directory opens again.
      const db = await openDatabase({ dataDir: dir });
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports a directory held by another process when adopted, as opening it then would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-early-'));
    try {
      // The lock of a process that is alive (this one's parent).
      writeFileSync(join(dir, 'flowdesk.lock'), String(process.ppid));
      const early = openEmbeddedEarly({ FLOWDESK_DATA_DIR: dir })!;
      const error = await adoptEarlyOpening(early, { dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toContain(`${dir} is in use by another Flow Desk process (pid ${process.ppid})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an embedded database that cannot open', () => {
  it('says so, naming the directory, and leaves it unlocked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-corrupt-'));
    try {
      mkdirSync(join(dir, 'pglite'));
      writeFileSync(join(dir, 'pglite', 'PG_VERSION'), 'not a version\n');
      const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toContain(dir);
      expect(existsSync(join(dir, 'flowdesk.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
