/**
 * Flow history routes (mounted by the proxy): a flow's timeline, its stored JSON versions and one
 * version's text, and the fleet-wide change feed. Thin: parameters are validated here, the work is
 * in server/store/history.ts. Everything is answered from the database, so links by entry id or
 * sha256 open the same thing after a restart.
 */
import { Hono, type Context } from 'hono';
import type { ChannelRef } from '../src/model/flow';
import { CHANGE_KINDS, type ChangeKind } from '../src/model/history';
import { allowedAccountIds } from './auth';
import { DiffFailedError, DiffsBusyError } from './json-diffs';
import { createMemoryCache } from './memory-cache';
import type { ProxyContext } from './proxy';
import { invalidRequest, problem, type ProblemResult } from './problems';

type Resolve = (ctx: ProxyContext, params: Record<string, string>) => ({ ref: ChannelRef; flowId: string } & object) | ProblemResult;
type Send = (c: Context, result: ProblemResult) => Response;

const ENTRY_ID = /^\d{1,18}$/;
/** Status and health values: provider words such as BLOCKED or UNAVAILABLE. */
const LEVEL = /^[A-Z_]{1,40}$/;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const DAY_MS = 86_400_000;
/** The change feed covers at most this many days at once (its chart has a bar per day). */
export const CHANGE_FEED_MAX_DAYS = 366;

const isProblem = (value: unknown): value is ProblemResult => typeof value === 'object' && value !== null && 'problem' in value && 'status' in value;

const unavailable = () => problem(503, { kind: 'internal', message: 'The flow history is kept in the flow index, and this Flow Desk server runs without it (no database).' });
const down = () => problem(503, { kind: 'internal', message: 'The flow index is not answering (its database may be down), so the history cannot be read now.' });

/**
 * Stored versions are immutable (a sha256 names each), so their bytes are kept in memory once
 * read, most recently used first, up to VERSION_CACHE_BYTES: reading a 10 MB text back from the
 * embedded database takes the better part of a second, and the same two versions are read again
 * whenever a comparison is opened. Keyed by flow and sha256: the cache never answers for a flow
 * whose history does not hold that version. Concurrent reads of one version share one query.
 */
export const VERSION_CACHE_BYTES = 64 * 1024 * 1024;

export function createVersionCache(maxBytes = VERSION_CACHE_BYTES) {
  const cache = createMemoryCache<Uint8Array>(maxBytes, (body) => body.byteLength);
  return {
    /** The version's UTF-8 bytes, from memory or by `read` (null: not stored). */
    get(key: string, read: () => Promise<string | null>): Promise<Uint8Array | null> {
      return cache.get(key, async () => {
        const text = await read();
        return text === null ? null : Buffer.from(text, 'utf8');
      });
    },
    get bytes() {
      return cache.bytes;
    },
  };
}

function parseTime(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export function createHistoryRoutes(ctx: ProxyContext, resolveFlow: Resolve, send: Send): Hono {
  const api = new Hono();
  const FLOW = '/accounts/:accountId/channels/:channelId/flows/:flowId';
  const now = () => ctx.now?.() ?? Date.now();
  const versions = createVersionCache();

  /** The resolved flow and the history store, or the Problem to answer. */
  const flowAndStore = (c: Context) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return resolved;
    if (!ctx.index) return unavailable();
    return { ...resolved, history: ctx.index.store.history };
  };

  api.get(`${FLOW}/history`, async (c) => {
    const r = flowAndStore(c);
    if (isProblem(r)) return send(c, r);
    const before = c.req.query('before');
    if (before !== undefined && !ENTRY_ID.test(before)) return send(c, invalidRequest('"before" must be a history entry id.'));
    try {
      return c.json(await r.history.flowHistory(r.ref, r.flowId, { before }));
    } catch {
      return send(c, down());
    }
  });

  api.get(`${FLOW}/json-versions`, async (c) => {
    const r = flowAndStore(c);
    if (isProblem(r)) return send(c, r);
    try {
      return c.json({ versions: await r.history.jsonVersions(r.ref, r.flowId) });
    } catch {
      return send(c, down());
    }
  });

  // Only a sha256 names a version: any other path falls through to the API's 404.
  api.get(`${FLOW}/json/:sha256{[0-9a-f]{64}}`, async (c) => {
    const r = flowAndStore(c);
    if (isProblem(r)) return send(c, r);
    const sha256 = c.req.param('sha256');
    const etag = `"${sha256}"`;
    // Immutable: a browser that has it asks again only to check it may still see it (`private`).
    const cacheHeaders = { 'Cache-Control': 'private, max-age=31536000, immutable', ETag: etag };
    const key = `${r.ref.accountId}\n${r.ref.channelId}\n${r.flowId}\n${sha256}`;
    let body: Uint8Array | null;
    try {
      body = await versions.get(key, () => r.history.jsonVersionText(r.ref, r.flowId, sha256));
    } catch {
      return send(c, down());
    }
    if (body === null) return send(c, problem(404, { kind: 'not_found', message: `Flow Desk has no stored flow JSON ${sha256.slice(0, 12)}… for this flow (never seen, or past the history's retention).` }));
    if (c.req.header('If-None-Match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, cacheHeaders);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...cacheHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  });

  // The changes between two stored versions (hunks of changed lines), computed once per pair.
  api.get(`${FLOW}/json-changes/:from{[0-9a-f]{64}}/:to{[0-9a-f]{64}}`, async (c) => {
    const r = flowAndStore(c);
    if (isProblem(r)) return send(c, r);
    const { from, to } = c.req.param();
    let body: string | null;
    try {
      body = await ctx.index!.diffs.get(r.ref, r.flowId, from, to);
    } catch (error) {
      if (error instanceof DiffsBusyError) return send(c, problem(503, { kind: 'internal', message: error.message }));
      if (error instanceof DiffFailedError) return send(c, problem(500, { kind: 'internal', message: error.message }));
      return send(c, down());
    }
    if (body === null) return send(c, problem(404, { kind: 'not_found', message: 'Flow Desk has not stored both of these flow JSON versions for this flow (never seen, or past the history\'s retention).' }));
    // Both versions are immutable, and so is their comparison (until Flow Desk compares differently).
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, max-age=86400' });
  });

  api.get('/changes', async (c) => {
    if (!ctx.index) return send(c, unavailable());
    const q = c.req.query();
    const to = parseTime(q.to, now());
    const from = parseTime(q.from, (to ?? now()) - 7 * DAY_MS);
    if (from === null || to === null) return send(c, invalidRequest('"from" and "to" must be times (ISO 8601).'));
    if (from >= to) return send(c, invalidRequest('"from" must be before "to".'));
    if (to - from > CHANGE_FEED_MAX_DAYS * DAY_MS) return send(c, invalidRequest(`The change feed covers at most ${CHANGE_FEED_MAX_DAYS} days at once.`));
    const kind = q.kind || undefined;
    if (kind !== undefined && !(CHANGE_KINDS as readonly string[]).includes(kind)) return send(c, invalidRequest(`"kind" must be one of: ${CHANGE_KINDS.join(', ')}.`));
    for (const key of ['provider', 'account'] as const) if (q[key] && !NAME.test(q[key])) return send(c, invalidRequest(`"${key}" is not a valid ${key} id.`));
    const toStatus = q.toStatus?.toUpperCase() || undefined;
    const toHealth = q.toHealth?.toUpperCase() || undefined;
    if ((toStatus && !LEVEL.test(toStatus)) || (toHealth && !LEVEL.test(toHealth))) return send(c, invalidRequest('"toStatus" and "toHealth" are words such as BLOCKED or UNAVAILABLE.'));
    const offset = q.offset === undefined || q.offset === '' ? 0 : Number(q.offset);
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) return send(c, invalidRequest('"offset" must be a whole number from 0 to 10000.'));
    try {
      return c.json(
        await ctx.index.store.history.changeFeed({
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          provider: q.provider || undefined,
          account: q.account || undefined,
          kind: kind as ChangeKind | undefined,
          toStatus,
          toHealth,
          offset,
          // Only accounts this server is configured with and the user may see.
          accounts: visibleAccounts(c, ctx),
        }),
      );
    } catch {
      return send(c, down());
    }
  });

  return api;
}

function visibleAccounts(c: Context, ctx: ProxyContext): string[] {
  const allowed = allowedAccountIds(c);
  return [...ctx.accounts.keys()].filter((id) => allowed === 'all' || allowed.includes(id));
}
