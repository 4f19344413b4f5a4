/**
 * Sign-in sessions, stored server-side so that signing out (or an admin) ends them everywhere.
 * The browser holds only a random token in an HTTP-only cookie; the store holds an HMAC of it
 * (keyed with FLOWDESK_SESSION_SECRET), so a copy of the store opens no session.
 *
 * `SessionStore` is the seam for the database: `MemorySessionStore` is for one process and tests.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who signed in, as the identity provider said at sign-in. */
export interface SessionUser {
  /** A stable id: the issuer's `sub` (unique per identity provider). */
  id: string;
  /** Lower-case; null when the provider gave none or said it is unverified. */
  email: string | null;
  name: string | null;
  groups: string[];
}

export interface SessionRecord {
  /** The HMAC of the cookie's token: the store's key. */
  id: string;
  user: SessionUser;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** For RP-initiated logout at the identity provider (`id_token_hint`); never sent to the browser. */
  idToken: string | null;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session with this id, revoked or expired ones included (the caller decides); null when unknown. */
  get(id: string): Promise<SessionRecord | null>;
  /** Marks one session revoked (no-op when unknown or already revoked). */
  revoke(id: string, at: Date): Promise<void>;
  /** Marks every live session of this user (their id at the identity provider, or their email in any case) revoked; returns how many were. */
  revokeAllForUser(user: string, at: Date): Promise<number>;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  async create(session: SessionRecord): Promise<void> {
    // Forget sessions that ended long enough ago that nobody can present them any more.
    for (const [id, s] of this.sessions) if (s.expiresAt < session.createdAt) this.sessions.delete(id);
    this.sessions.set(session.id, { ...session });
  }

  async get(id: string): Promise<SessionRecord | null> {
    const found = this.sessions.get(id);
    return found ? { ...found } : null;
  }

  async revoke(id: string, at: Date): Promise<void> {
    const found = this.sessions.get(id);
    if (found && !found.revokedAt) found.revokedAt = at;
  }

  async revokeAllForUser(user: string, at: Date): Promise<number> {
    let count = 0;
    for (const s of this.sessions.values()) {
      if ((s.user.id === user || s.user.email === user.toLowerCase()) && !s.revokedAt && s.expiresAt > at) {
        s.revokedAt = at;
        count++;
      }
    }
    return count;
  }
}

export type Clock = () => Date;

export interface Sessions {
  /** Starts a session: the token for the cookie and the stored record. */
  start(user: SessionUser, idToken: string | null): Promise<{ token: string; record: SessionRecord }>;
  /** The live session a cookie's token opens, or null (unknown, expired or revoked). */
  find(token: string | undefined): Promise<SessionRecord | null>;
  end(token: string): Promise<void>;
  /** Ends every session of a user (id at the identity provider, or email). */
  endAllForUser(user: string): Promise<number>;
  readonly maxAgeSeconds: number;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function createSessions(store: SessionStore, secret: string, hours: number, now: Clock = () => new Date()): Sessions {
  const keyOf = (token: string) => createHmac('sha256', secret).update(token).digest('base64url');
  const maxAgeMs = Math.round(hours * 3_600_000);
  return {
    maxAgeSeconds: Math.floor(maxAgeMs / 1000),
    async start(user, idToken) {
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const record: SessionRecord = { id: keyOf(token), user, createdAt, expiresAt: new Date(createdAt.getTime() + maxAgeMs), revokedAt: null, idToken };
      await store.create(record);
      return { token, record };
    },
    async find(token) {
      if (!token || !TOKEN.test(token)) return null;
      const id = keyOf(token);
      const record = await store.get(id);
      // The store matched by key; compare again in constant time in case a backend matches loosely.
      if (!record || record.id.length !== id.length || !timingSafeEqual(Buffer.from(record.id), Buffer.from(id))) return null;
      if (record.revokedAt || record.expiresAt.getTime() <= now().getTime()) return null;
      return record;
    },
    async end(token) {
      if (TOKEN.test(token)) await store.revoke(keyOf(token), now());
    },
    endAllForUser: (user) => store.revokeAllForUser(user, now()),
  };
}
