// @vitest-environment node
/** The in-memory session store and audit log, through the interfaces the database will implement. */
import { describe, expect, it } from 'vitest';
import { auditCsv, MemoryAuditLog, type NewAuditEntry } from './audit';
import { userFromClaims } from './oidc';
import { createSessions, MemorySessionStore } from './sessions';

const USER = { id: 'alice-sub', email: 'alice@example.com', name: 'Alice', groups: ['support-8x8'] };

describe('sessions', () => {
  const setup = (hours = 12) => {
    let now = new Date('2026-11-28T08:00:00Z');
    const store = new MemorySessionStore();
    const sessions = createSessions(store, 'x'.repeat(32), hours, () => now);
    return { store, sessions, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  };

  it('finds a live session by its token, and stores only a keyed hash of the token', async () => {
    const { store, sessions } = setup();
    const { token, record } = await sessions.start(USER, null);
    expect(record.id).not.toBe(token);
    expect(await store.get(token)).toBeNull();
    expect((await sessions.find(token))?.user).toEqual(USER);
    expect(await sessions.find(undefined)).toBeNull();
    expect(await sessions.find(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });

  it('expires after the configured hours', async () => {
    const { sessions, advance } = setup(2);
    const { token } = await sessions.start(USER, null);
    advance(2 * 3_600_000 - 1);
    expect(await sessions.find(token)).not.toBeNull();
    advance(1);
    expect(await sessions.find(token)).toBeNull();
  });

  it('is revoked by sign-out, and all of a user’s sessions by revokeAllForUser', async () => {
    const { sessions } = setup();
    const a = await sessions.start(USER, null);
    const b = await sessions.start(USER, null);
    const other = await sessions.start({ ...USER, id: 'bob-sub' }, null);
    await sessions.end(a.token);
    expect(await sessions.find(a.token)).toBeNull();
    expect(await sessions.find(b.token)).not.toBeNull();
    expect(await sessions.endAllForUser('alice-sub')).toBe(1);
    expect(await sessions.find(b.token)).toBeNull();
    expect(await sessions.find(other.token)).not.toBeNull();
  });
});

describe('audit log', () => {
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

  it('answers newest first, filtered by user (any case), account, flow and time range, in pages', async () => {
    const log = new MemoryAuditLog();
    await log.append(entry(1));
    await log.append(entry(2, { user: 'bob@example.com', account: 'kaleyra-in', flow: 'f2' }));
    await log.append(entry(3, { flow: 'f2' }));
    await log.append(entry(4, { action: 'access_refused', account: 'kaleyra-in' }));
    const minutes = (page: { entries: { at: Date }[] }) => page.entries.map((e) => e.at.getUTCMinutes());
    expect(minutes(await log.query({}, { limit: 10, offset: 0 }))).toEqual([4, 3, 2, 1]);
    expect(minutes(await log.query({ user: 'ALICE@example.com' }, { limit: 10, offset: 0 }))).toEqual([4, 3, 1]);
    expect(minutes(await log.query({ account: 'kaleyra-in' }, { limit: 10, offset: 0 }))).toEqual([4, 2]);
    expect(minutes(await log.query({ flow: 'f2' }, { limit: 10, offset: 0 }))).toEqual([3, 2]);
    expect(minutes(await log.query({ from: entry(2).at, to: entry(4).at }, { limit: 10, offset: 0 }))).toEqual([3, 2]);
    const page = await log.query({}, { limit: 2, offset: 1 });
    expect(minutes(page)).toEqual([3, 2]);
    expect(page.total).toBe(4);
  });

  it('exports CSV with quoting, and defuses spreadsheet formulas', () => {
    const csv = auditCsv([{ ...entry(5, { detail: 'GET /x, "quoted"', user: '=HYPERLINK("evil")' }), id: '1' }]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('time,action,user,account,channel,flow,address,detail');
    expect(row).toBe(`2026-11-28T09:05:00.000Z,flow_opened,"'=HYPERLINK(""evil"")",retail-eu,c1,f1,10.0.0.1,"GET /x, ""quoted"""`);
  });
});

describe('claims', () => {
  it('reads the groups claim by name or dotted path, and ignores an unverified email', () => {
    expect(userFromClaims({ sub: 's', email: 'A@Example.com', name: 'A', groups: ['g1', 2, 'g2'] }, 'groups')).toEqual({ id: 's', email: 'a@example.com', name: 'A', groups: ['g1', 'g2'] });
    expect(userFromClaims({ sub: 's', realm_access: { roles: ['r'] } }, 'realm_access.roles').groups).toEqual(['r']);
    expect(userFromClaims({ sub: 's', roles: 'single' }, 'roles').groups).toEqual(['single']);
    expect(userFromClaims({ sub: 's', email: 'carol@example.com', email_verified: false }, 'groups').email).toBeNull();
  });
});
