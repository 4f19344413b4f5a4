/**
 * The engines store tests run on: embedded PGlite in a temporary directory, and a real PostgreSQL
 * server when DATABASE_URL_TEST is set (scripts/with-postgres.sh starts a throwaway one). Each
 * opened database is fresh, so tests never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../store/engine';

const POSTGRES = process.env.DATABASE_URL_TEST;

/** `[name, server url]` of every engine to test: PGlite always, PostgreSQL when a test server is given. */
export const TEST_ENGINES: [string, string | undefined][] = [['pglite', undefined], ...(POSTGRES ? [['postgres', POSTGRES] as [string, string]] : [])];

/** A fresh database on a PostgreSQL server: a random name of its own (tests, benchmarks); its URL. */
export async function freshPostgres(url: string, prefix = 'flowdesk_test'): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database on one engine, and how to close and remove it. */
export async function openTestDatabase(url: string | undefined): Promise<{ db: Database; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-store-'));
  const db = await openDatabase(url ? { databaseUrl: await freshPostgres(url) } : { dataDir: dir });
  return {
    db,
    dir,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
