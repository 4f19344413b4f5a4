// @vitest-environment node
/**
 * Sessions and the audit trail through their interfaces, on every store: in memory (one process,
 * the dev server and tests), embedded PGlite and a real PostgreSQL server (DATABASE_URL_TEST).
 * On a database, two replicas share them: a sign-out or revocation on one ends the session on all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAuditLog, type AuditLog, type NewAuditEntry } from '../auth/audit';
import { createSessions, MemorySessionStore, type SessionStore } from '../auth/sessions';
import { openTestDatabase, TEST_ENGINES } from '../testing/database';
import { createAuditLog, createSessionStore } from './auth';

const USER = { id: 'alice-sub', email: 'alice@example.com', name: 'Alice', groups: ['support-8x8', 'with "quotes", commas'] };
const SECRET = 'x'.repeat(32);

interface Stores {
  /** A session store and audit log; on a database, each call is another replica over the same rows. */
  replica(): { sessions: SessionStore; audit: AuditLog };
  close(): Promise<void>;
}

const memory = (): Stores => {
  const stores = { sessions: new MemorySessionStore(), audit: new MemoryAuditLog() };
  return { replica: () => stores, close: async () => {} };
};

const database = (url: string | undefined) => async (): Promise<Stores> => {
  const opened = await openTestDatabase(url);
  return { replica: () => ({ sessions: createSessionStore(opened.db), audit: createAuditLog(opened.db) }), close: opened.close };
};

const kinds: [string, () => Stores | Promise<Stores>][] = [['memory', memory], ...TEST_ENGINES.map(([name, url]): [string, () => Promise<Stores>] => [name, database(url)])];

describe.each(kinds)('sessions and audit on %s', (_kind, open) => {
  let stores: Stores;
  let now = new Date('2026-11-28T08:00:00Z');
  beforeAll(async () => {
    stores = await open();
  }, 120_000);
  afterAll(() => stores.close());

  const sessionsOn = (store: SessionStore, hours = 12) => createSessions(store, SECRET, hours, () => now);
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));

  it('finds a live session by its token, with the user as signed in, and stores only a keyed hash of the token', async () => {
    const { sessions: store } = stores.replica();
    const sessions = sessionsOn(store);
    const { token, record } = await sessions.start(USER, 'id-token-1');
    expect(record.id).not.toBe(token);
    expect(await store.get(token)).toBeNull();
    const found = await sessions.find(token);
    expect(found?.user).toEqual(USER);
    expect(found).toMatchObject({ idToken: 'id-token-1', revokedAt: null, createdAt: record.createdAt, expiresAt: record.expiresAt });
    expect(await sessions.find(undefined)).toBeNull();
    expect(await sessions.find(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });

  it('expires after the configured hours', async () => {
    const sessions = sessionsOn(stores.replica().sessions, 2);
    const { token } = await sessions.start(USER, null);
    advance(2 * 3_600_000 - 1);
    expect(await sessions.find(token)).not.toBeNull();
    advance(1);
    expect(await sessions.find(token)).toBeNull();
  });

  it('a sign-out on one replica ends the session on the other; revokeAllForUser ends all of a user’s sessions, by id or email', async () => {
    const one = sessionsOn(stores.replica().sessions);
    const two = sessionsOn(stores.replica().sessions);
    // A user of this test alone (the stores are shared by the tests of one engine).
    const erin = { ...USER, id: 'erin-sub' };
    const a = await one.start(erin, null);
    const b = await one.start(erin, null);
    const other = await one.start({ ...USER, id: 'bob-sub' }, null);
    expect(await two.find(a.token)).not.toBeNull();
    await one.end(a.token);
    expect(await two.find(a.token)).toBeNull();
    expect(await two.find(b.token)).not.toBeNull();
    expect(await two.endAllForUser('erin-sub')).toBe(1);
    expect(await one.find(b.token)).toBeNull();
    expect(await one.find(other.token)).not.toBeNull();
    // By email too, in any case (an admin knows users by their email).
    const frank = await one.start({ ...USER, id: 'frank-sub', email: 'frank@example.com' }, null);
    expect(await two.endAllForUser('FRANK@example.com')).toBe(1);
    expect(await one.find(frank.token)).toBeNull();
  });

  const entry = (minute: number, fields: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
    at: new Date(Date.UTC(2026, 10, 28, 9, minute)),
    action: 'flow_opened',
    user: 'alice@example.com',
    account: 'retail-eu',
    channel: 'c1',
    flow: 'f1',
    address: '10.0.0.1',
    detail: null,
    ...fields,
  });

  it('answers the audit trail newest first, filtered by user (any case), account, flow and time range, in pages, from any replica', async () => {
    const writer = stores.replica().audit;
    const reader = stores.replica().audit;
    await writer.append(entry(1));
    await writer.append(entry(2, { user: 'bob@example.com', account: 'kaleyra-in', flow: 'f2', address: null }));
    await writer.append(entry(3, { flow: 'f2' }));
    await writer.append(entry(4, { action: 'access_refused', account: 'kaleyra-in', detail: 'GET /api/accounts/kaleyra-in/…' }));
    const minutes = (page: { entries: { at: Date }[] }) => page.entries.map((e) => e.at.getUTCMinutes());
    expect(minutes(await reader.query({}, { limit: 10, offset: 0 }))).toEqual([4, 3, 2, 1]);
    expect(minutes(await reader.query({ user: 'ALICE@example.com' }, { limit: 10, offset: 0 }))).toEqual([4, 3, 1]);
    expect(minutes(await reader.query({ account: 'kaleyra-in' }, { limit: 10, offset: 0 }))).toEqual([4, 2]);
    expect(minutes(await reader.query({ flow: 'f2' }, { limit: 10, offset: 0 }))).toEqual([3, 2]);
    expect(minutes(await reader.query({ from: entry(2).at, to: entry(4).at }, { limit: 10, offset: 0 }))).toEqual([3, 2]);
    const page = await reader.query({}, { limit: 2, offset: 1 });
    expect(minutes(page)).toEqual([3, 2]);
    expect(page.total).toBe(4);
    const [newest] = (await reader.query({}, { limit: 1, offset: 0 })).entries;
    expect(newest).toEqual({ ...entry(4, { action: 'access_refused', account: 'kaleyra-in', detail: 'GET /api/accounts/kaleyra-in/…' }), id: expect.any(String) });
    expect((await reader.query({ user: 'bob@example.com' }, { limit: 1, offset: 0 })).entries[0]!.address).toBeNull();
  });
});
