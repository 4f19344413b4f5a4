/**
 * Sign-in sessions and the audit trail in the database (migration 0002_auth), so that signing out
 * or revoking a session ends it on every replica, and every replica writes one audit trail. The
 * interfaces are server/auth's (`SessionStore`, `AuditLog`); SQL stays here, behind server/store.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditFilter, AuditLog, AuditPage, NewAuditEntry } from '../auth/audit';
import type { SessionRecord, SessionStore } from '../auth/sessions';
import type { Database } from './engine';

/** A text[] parameter as PostgreSQL's array literal (a JS array in a query would be spread into a list). */
const textArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const date = (value: unknown): Date => new Date(value as string | Date);
const text = (value: unknown): string | null => (value == null ? null : String(value));
const iso = (d: Date) => d.toISOString();

/** Sessions that ended this long ago are deleted (nobody can present them any more). */
const KEEP_ENDED_MS = 24 * 3_600_000;

export function createSessionStore(db: Pick<Database, 'rows'>): SessionStore {
  return {
    async create(session: SessionRecord): Promise<void> {
      const { user } = session;
      await db.rows(sql`DELETE FROM auth_sessions WHERE expires_at < ${iso(new Date(session.createdAt.getTime() - KEEP_ENDED_MS))}::timestamptz`);
      await db.rows(sql`
        INSERT INTO auth_sessions (id, user_id, user_email, user_name, user_groups, id_token, created_at, expires_at, revoked_at)
        VALUES (${session.id}, ${user.id}, ${user.email}, ${user.name}, ${textArray(user.groups)}::text[], ${session.idToken},
          ${iso(session.createdAt)}::timestamptz, ${iso(session.expiresAt)}::timestamptz, ${session.revokedAt ? iso(session.revokedAt) : null}::timestamptz)`);
    },

    async get(id: string): Promise<SessionRecord | null> {
      const [row] = await db.rows<Record<string, unknown>>(sql`SELECT * FROM auth_sessions WHERE id = ${id}`);
      if (!row) return null;
      return {
        id: String(row.id),
        user: { id: String(row.user_id), email: text(row.user_email), name: text(row.user_name), groups: (row.user_groups as string[] | null) ?? [] },
        createdAt: date(row.created_at),
        expiresAt: date(row.expires_at),
        revokedAt: row.revoked_at == null ? null : date(row.revoked_at),
        idToken: text(row.id_token),
      };
    },

    async revoke(id: string, at: Date): Promise<void> {
      await db.rows(sql`UPDATE auth_sessions SET revoked_at = ${iso(at)}::timestamptz WHERE id = ${id} AND revoked_at IS NULL`);
    },

    async revokeAllForUser(user: string, at: Date): Promise<number> {
      const rows = await db.rows(sql`
        UPDATE auth_sessions SET revoked_at = ${iso(at)}::timestamptz
        WHERE (user_id = ${user} OR user_email = ${user.toLowerCase()}) AND revoked_at IS NULL AND expires_at > ${iso(at)}::timestamptz RETURNING id`);
      return rows.length;
    },
  };
}

function auditWhere(filter: AuditFilter): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (filter.user !== undefined) parts.push(sql`lower(user_name) = ${filter.user.toLowerCase()}`);
  if (filter.account !== undefined) parts.push(sql`account_id = ${filter.account}`);
  if (filter.flow !== undefined) parts.push(sql`flow_id = ${filter.flow}`);
  if (filter.from) parts.push(sql`at >= ${iso(filter.from)}::timestamptz`);
  if (filter.to) parts.push(sql`at < ${iso(filter.to)}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

export function createAuditLog(db: Pick<Database, 'rows'>): AuditLog {
  return {
    async append(entry: NewAuditEntry): Promise<void> {
      await db.rows(sql`
        INSERT INTO audit_log (at, action, user_name, account_id, channel_id, flow_id, address, detail)
        VALUES (${iso(entry.at)}::timestamptz, ${entry.action}, ${entry.user}, ${entry.account}, ${entry.channel}, ${entry.flow}, ${entry.address}, ${entry.detail})`);
    },

    async query(filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditPage> {
      const where = auditWhere(filter);
      const [counted] = await db.rows<{ total: number }>(sql`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`);
      const rows = await db.rows<Record<string, unknown>>(sql`
        SELECT id, at, action, user_name, account_id, channel_id, flow_id, address, detail FROM audit_log
        WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${page.limit} OFFSET ${page.offset}`);
      return {
        total: Number(counted?.total ?? 0),
        entries: rows.map(
          (r): AuditEntry => ({
            id: String(r.id),
            at: date(r.at),
            action: String(r.action) as AuditEntry['action'],
            user: String(r.user_name),
            account: text(r.account_id),
            channel: text(r.channel_id),
            flow: text(r.flow_id),
            address: text(r.address),
            detail: text(r.detail),
          }),
        ),
      };
    },
  };
}

/** Both, over one database: what `createAuth` takes as `sessionStore` and `auditLog`. */
export function createAuthStores(db: Pick<Database, 'rows'>): { sessionStore: SessionStore; auditLog: AuditLog } {
  return { sessionStore: createSessionStore(db), auditLog: createAuditLog(db) };
}
