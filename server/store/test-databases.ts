/** Databases for tests and benchmarks: a fresh database of its own on a PostgreSQL server. */
import pg from 'pg';

/** Creates a database with a random name on the server at `url` and returns its URL. */
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
