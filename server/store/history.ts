/**
 * Flow history in the store: recorded in the same transaction as the flow's upsert into the index
 * (store.recordDetail, store.recordJson), read by the history routes, pruned by retention.
 *
 * Each flow's latest recorded snapshot (flow_snapshots) is what the next observation is compared
 * with, under a row lock: two replicas, or a sync and a live read, recording the same flow at once
 * take turns, and the second finds nothing new. The unique dedupe key of every entry
 * (src/lib/flow-history) makes a repeated insert a no-op as well.
 */
import { sql, type SQL } from 'drizzle-orm';
import { dedupeKey, detectChanges, mergeSnapshot, type FlowSnapshot } from '../../src/lib/flow-history/changes';
import type { ChannelRef, FlowDetail, FlowSummary, ValidationError } from '../../src/model/flow';
import { CHANGE_KINDS, type ChangeFeed, type ChangeKind, type FlowHistory, type HistoryEntry, type JsonVersion } from '../../src/model/history';
import type { Database } from './engine';

export type HistorySource = 'sync' | 'live';
type Rows = Pick<Database, 'rows'>;

/** Entries of a flow's history answered at most (the timeline is virtualized: 10,000 stay smooth). */
export const FLOW_HISTORY_PAGE = 10_000;
/** Entries of the change feed per page, and the deepest offset. */
export const CHANGE_FEED_PAGE = 100;
export const CHANGE_FEED_MAX_OFFSET = 10_000;
/** Stored JSON versions of one flow listed at most. */
export const JSON_VERSIONS_LIMIT = 500;
/** Validation errors kept with one version of a flow's JSON, at most. */
export const VERSION_ERRORS_LIMIT = 200;

const iso = (value: unknown): string => new Date(value as string | Date).toISOString();

/** What history keeps of a flow's details (the JSON hash comes from recordJson). */
export function snapshotOf(detail: FlowDetail): FlowSnapshot {
  return {
    status: detail.status,
    name: detail.name,
    categories: detail.categories,
    health: detail.health
      ? {
          canSendMessage: detail.health.canSendMessage,
          entities: detail.health.entities.map((e) => ({ type: e.type, id: e.id, canSendMessage: e.canSendMessage, errors: e.errors.map((x) => ({ code: x.code, description: x.description })) })),
        }
      : null,
    validationErrors: detail.validationErrors.map((e) => ({ code: e.code, path: e.pointers.find((p) => p.path)?.path ?? null, message: e.message })),
    jsonVersion: detail.jsonVersion,
    dataApiVersion: detail.dataApiVersion,
    endpointUri: detail.endpointUri,
    jsonSha256: null,
  };
}

/** A recorded snapshot; `partial` when the flow has only been seen in a list (status and name known). */
type StoredSnapshot = FlowSnapshot & { partial?: boolean };

/** The flow's snapshot row, locked until the transaction ends (created empty first so there is a row to lock). */
async function lockSnapshot(tx: Rows, ref: ChannelRef, flowId: string): Promise<StoredSnapshot | null> {
  const [row] = await tx.rows<{ snapshot: StoredSnapshot | null }>(sql`
    SELECT snapshot FROM flow_snapshots WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId} FOR UPDATE`);
  return row ? row.snapshot : null;
}

async function saveSnapshot(tx: Rows, ref: ChannelRef, flowId: string, snapshot: StoredSnapshot, at: string): Promise<void> {
  await tx.rows(sql`
    INSERT INTO flow_snapshots (account_id, channel_id, flow_id, snapshot, recorded_at)
    VALUES (${ref.accountId}, ${ref.channelId}, ${flowId}, ${JSON.stringify(snapshot)}::jsonb, ${at}::timestamptz)
    ON CONFLICT (account_id, channel_id, flow_id) DO UPDATE SET snapshot = excluded.snapshot, recorded_at = excluded.recorded_at`);
}

interface NewEntry {
  kind: ChangeKind;
  from: string | null;
  to: string | null;
  detail: unknown;
  dedupeKey: string;
}

async function insertEntries(tx: Rows, ref: ChannelRef, flowId: string, provider: string, flowName: string, at: string, source: HistorySource, entries: NewEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const values = sql.join(
    entries.map(
      (e) => sql`(${ref.accountId}, ${ref.channelId}, ${flowId}, ${provider}, ${flowName}, ${at}::timestamptz, ${source}, ${e.kind},
        ${e.from}, ${e.to}, ${e.detail == null ? null : JSON.stringify(e.detail)}::jsonb, ${e.dedupeKey})`,
    ),
    sql`, `,
  );
  const written = await tx.rows(sql`
    INSERT INTO flow_history (account_id, channel_id, flow_id, provider, flow_name, at, source, kind, from_value, to_value, detail, dedupe_key)
    VALUES ${values} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`);
  return written.length;
}

/**
 * Records what changed in a flow's details since its last snapshot (inside the caller's
 * transaction, after the flow's upsert). The first sighting is a "first_seen" entry.
 * Returns how many entries were written.
 */
export async function recordDetailHistory(tx: Rows, ref: ChannelRef, provider: string, detail: FlowDetail, seenAt: string, source: HistorySource): Promise<{ written: number; firstSeen: boolean }> {
  await tx.rows(sql`
    INSERT INTO flow_snapshots (account_id, channel_id, flow_id, snapshot, recorded_at)
    VALUES (${ref.accountId}, ${ref.channelId}, ${detail.id}, 'null'::jsonb, ${seenAt}::timestamptz) ON CONFLICT DO NOTHING`);
  const stored = await lockSnapshot(tx, ref, detail.id);
  const next = snapshotOf(detail);
  // A flow seen only in a list so far: its first details fill in what the list lacked (not changes).
  const prev = stored?.partial ? { ...next, status: stored.status, name: stored.name, jsonSha256: stored.jsonSha256 } : stored;
  const changes = detectChanges({ ...ref, flowId: detail.id }, prev, next, { at: Date.parse(seenAt) });
  const written = await insertEntries(tx, ref, detail.id, provider, detail.name, seenAt, source, changes);
  await saveSnapshot(tx, ref, detail.id, mergeSnapshot(prev, next), seenAt);
  return { written, firstSeen: stored === null || stored.partial === true };
}

/**
 * Records what a channel's list shows of a batch of flows (inside the caller's transaction, after
 * their upsert): a first sighting for flows never seen, and status and name changes of known ones
 * (the rest comes with their details). Set-based: one read of the batch's snapshots, writes only
 * for what changed, so a list of unchanged flows writes nothing.
 */
export async function recordListHistory(tx: Rows, ref: ChannelRef, provider: string, flows: readonly FlowSummary[], seenAt: string): Promise<number> {
  if (flows.length === 0) return 0;
  const ids = `{${flows.map((f) => `"${f.id.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  const rows = await tx.rows<{ flow_id: string; snapshot: StoredSnapshot | null }>(sql`
    SELECT flow_id, snapshot FROM flow_snapshots
    WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ANY(${ids}::text[]) FOR UPDATE`);
  const known = new Map(rows.map((r) => [r.flow_id, r.snapshot]));
  const at = Date.parse(seenAt);
  const entries: (NewEntry & { flowId: string; flowName: string })[] = [];
  const snapshots: { flowId: string; snapshot: StoredSnapshot }[] = [];
  for (const f of flows) {
    const key = { ...ref, flowId: f.id };
    const prev = known.get(f.id) ?? null;
    if (!prev) {
      const detail = { name: f.name, categories: f.categories ?? [], health: f.health?.canSendMessage ?? null, errorCount: f.validationErrorCount ?? null, jsonSha256: null };
      entries.push({ flowId: f.id, flowName: f.name, kind: 'first_seen', from: null, to: f.status, detail, dedupeKey: dedupeKey(key, 'first_seen', null, f.status, at) });
      snapshots.push({
        flowId: f.id,
        snapshot: { partial: true, status: f.status, name: f.name, categories: [], health: null, validationErrors: [], jsonVersion: null, dataApiVersion: null, endpointUri: null, jsonSha256: null },
      });
      continue;
    }
    if (prev.status === f.status && prev.name === f.name) continue;
    if (prev.status !== f.status) entries.push({ flowId: f.id, flowName: f.name, kind: 'status', from: prev.status, to: f.status, detail: null, dedupeKey: dedupeKey(key, 'status', prev.status, f.status, at) });
    if (prev.name !== f.name) entries.push({ flowId: f.id, flowName: f.name, kind: 'name', from: prev.name, to: f.name, detail: null, dedupeKey: dedupeKey(key, 'name', prev.name, f.name, at) });
    snapshots.push({ flowId: f.id, snapshot: { ...prev, status: f.status, name: f.name } });
  }
  let written = 0;
  if (entries.length > 0) {
    const values = sql.join(
      entries.map(
        (e) => sql`(${ref.accountId}, ${ref.channelId}, ${e.flowId}, ${provider}, ${e.flowName}, ${seenAt}::timestamptz, 'sync', ${e.kind},
          ${e.from}, ${e.to}, ${e.detail == null ? null : JSON.stringify(e.detail)}::jsonb, ${e.dedupeKey})`,
      ),
      sql`, `,
    );
    written = (await tx.rows(sql`
      INSERT INTO flow_history (account_id, channel_id, flow_id, provider, flow_name, at, source, kind, from_value, to_value, detail, dedupe_key)
      VALUES ${values} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`)).length;
  }
  if (snapshots.length > 0) {
    const values = sql.join(
      snapshots.map((s) => sql`(${ref.accountId}, ${ref.channelId}, ${s.flowId}, ${JSON.stringify(s.snapshot)}::jsonb, ${seenAt}::timestamptz)`),
      sql`, `,
    );
    await tx.rows(sql`
      INSERT INTO flow_snapshots (account_id, channel_id, flow_id, snapshot, recorded_at) VALUES ${values}
      ON CONFLICT (account_id, channel_id, flow_id) DO UPDATE SET snapshot = excluded.snapshot, recorded_at = excluded.recorded_at`);
  }
  return written;
}

/** What recording a flow JSON wrote: history entries, and the version it follows (null: first, or unchanged). */
export interface RecordedJson {
  written: number;
  previous: string | null;
}

/**
 * Records a downloaded flow JSON (its text is already in flow_json): a stored version of the flow,
 * and a "json" entry when the hash differs from the last recorded one. The first JSON recorded for
 * a flow is its first version, not a change.
 */
export async function recordJsonHistory(tx: Rows, ref: ChannelRef, flowId: string, provider: string, sha256: string, seenAt: string, source: HistorySource): Promise<RecordedJson> {
  const [flow] = await tx.rows<{ name: string; status: string; error_count: number | null }>(sql`
    SELECT name, status, error_count FROM flows WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId}`);
  // The flow's errors as they are now, with the version (at most VERSION_ERRORS_LIMIT of them).
  await tx.rows(sql`
    INSERT INTO flow_json_versions (account_id, channel_id, flow_id, sha256, first_seen_at, status, error_count, validation_errors)
    VALUES (${ref.accountId}, ${ref.channelId}, ${flowId}, ${sha256}, ${seenAt}::timestamptz, ${flow?.status ?? null}, ${flow?.error_count ?? null},
      (SELECT CASE WHEN jsonb_typeof(validation_errors) = 'array' THEN (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (SELECT e FROM jsonb_array_elements(validation_errors) e LIMIT ${VERSION_ERRORS_LIMIT}) x) END
       FROM flows WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId}))
    ON CONFLICT DO NOTHING`);
  const prev = await lockSnapshot(tx, ref, flowId);
  // No details recorded yet (the version is kept; the first details start the timeline), or no change.
  if (!prev || prev.jsonSha256 === sha256) return { written: 0, previous: null };
  let written = 0;
  if (prev.jsonSha256 !== null) {
    const key = dedupeKey({ ...ref, flowId }, 'json', prev.jsonSha256, sha256, Date.parse(seenAt));
    written = await insertEntries(tx, ref, flowId, provider, flow?.name ?? prev.name, seenAt, source, [{ kind: 'json', from: prev.jsonSha256, to: sha256, detail: null, dedupeKey: key }]);
  }
  await saveSnapshot(tx, ref, flowId, { ...prev, jsonSha256: sha256 }, seenAt);
  return { written, previous: prev.jsonSha256 };
}

function toEntry(r: Record<string, unknown>): HistoryEntry {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    channelId: String(r.channel_id),
    flowId: String(r.flow_id),
    provider: String(r.provider),
    flowName: String(r.flow_name),
    at: iso(r.at),
    source: r.source === 'live' ? 'live' : 'sync',
    kind: (CHANGE_KINDS as readonly string[]).includes(String(r.kind)) ? (r.kind as ChangeKind) : 'first_seen',
    from: (r.from_value as string | null) ?? null,
    to: (r.to_value as string | null) ?? null,
    detail: r.detail ?? null,
  };
}

const ENTRY_COLUMNS = sql`id, account_id, channel_id, flow_id, provider, flow_name, at, source, kind, from_value, to_value, detail`;

export interface ChangeFeedFilter {
  from: string;
  to: string;
  provider?: string;
  account?: string;
  kind?: ChangeKind;
  toStatus?: string;
  toHealth?: string;
  offset: number;
  /** Only these accounts (the server's configured ones). */
  accounts?: readonly string[];
}

export function createHistoryStore(db: Database) {
  return {
    /** A flow's timeline, newest first; `before` (an entry id) pages to older entries. */
    async flowHistory(ref: ChannelRef, flowId: string, options: { before?: string; limit?: number } = {}): Promise<FlowHistory> {
      const limit = Math.max(1, Math.min(options.limit ?? FLOW_HISTORY_PAGE, FLOW_HISTORY_PAGE));
      const before = options.before ? sql`AND id < ${options.before}::bigint` : sql``;
      const rows = await db.rows<Record<string, unknown>>(sql`
        SELECT ${ENTRY_COLUMNS} FROM flow_history
        WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId} ${before}
        ORDER BY id DESC LIMIT ${limit + 1}`);
      return { entries: rows.slice(0, limit).map(toEntry), more: rows.length > limit };
    },

    /** The flow's stored JSON versions, newest first. */
    async jsonVersions(ref: ChannelRef, flowId: string): Promise<JsonVersion[]> {
      const rows = await db.rows<{ sha256: string; first_seen_at: unknown; status: string | null; error_count: number | null; validation_errors: ValidationError[] | null }>(sql`
        SELECT v.sha256, v.first_seen_at, v.status, v.error_count, v.validation_errors FROM flow_json_versions v
        WHERE v.account_id = ${ref.accountId} AND v.channel_id = ${ref.channelId} AND v.flow_id = ${flowId}
          AND EXISTS (SELECT 1 FROM flow_json j WHERE j.sha256 = v.sha256)
        ORDER BY v.first_seen_at DESC, v.sha256 LIMIT ${JSON_VERSIONS_LIMIT}`);
      return rows.map((r) => ({
        sha256: r.sha256,
        firstSeenAt: iso(r.first_seen_at),
        status: r.status,
        errorCount: r.error_count == null ? null : Number(r.error_count),
        validationErrors: r.validation_errors ?? null,
      }));
    },

    /** One stored version's text, only if it was a version of this flow. */
    async jsonVersionText(ref: ChannelRef, flowId: string, sha256: string): Promise<string | null> {
      const [row] = await db.rows<{ text: string }>(sql`
        SELECT j.text FROM flow_json j
        WHERE j.sha256 = ${sha256} AND EXISTS (SELECT 1 FROM flow_json_versions v
          WHERE v.account_id = ${ref.accountId} AND v.channel_id = ${ref.channelId} AND v.flow_id = ${flowId} AND v.sha256 = ${sha256})`);
      return row?.text ?? null;
    },

    /** The stored changes between two versions of a flow (JSON_DIFF_FORMAT `format`), if computed. */
    async jsonDiff(ref: ChannelRef, flowId: string, from: string, to: string, format: number): Promise<unknown> {
      const [row] = await db.rows<{ changes: unknown }>(sql`
        SELECT changes FROM json_diffs WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId}
          AND from_sha256 = ${from} AND to_sha256 = ${to} AND format = ${format}`);
      return row?.changes ?? null;
    },

    /** Keeps the changes between two stored versions (both texts must be stored). */
    async saveJsonDiff(ref: ChannelRef, flowId: string, from: string, to: string, format: number, changes: unknown): Promise<void> {
      await db.rows(sql`
        INSERT INTO json_diffs (account_id, channel_id, flow_id, from_sha256, to_sha256, format, changes)
        VALUES (${ref.accountId}, ${ref.channelId}, ${flowId}, ${from}, ${to}, ${format}, ${JSON.stringify(changes)}::jsonb)
        ON CONFLICT (account_id, channel_id, flow_id, from_sha256, to_sha256) DO UPDATE SET format = excluded.format, changes = excluded.changes, computed_at = now()`);
    },

    /** Every recorded change in a time range across the fleet, filtered, newest first, with counts per UTC day. */
    async changeFeed(filter: ChangeFeedFilter): Promise<ChangeFeed> {
      const parts: SQL[] = [sql`at >= ${filter.from}::timestamptz`, sql`at < ${filter.to}::timestamptz`];
      if (filter.provider) parts.push(sql`provider = ${filter.provider}`);
      if (filter.account) parts.push(sql`account_id = ${filter.account}`);
      if (filter.accounts) parts.push(sql`account_id = ANY(${`{${filter.accounts.map((a) => `"${a}"`).join(',')}}`}::text[])`);
      if (filter.kind) parts.push(sql`kind = ${filter.kind}`);
      // "Became X": a status change to X (or a flow first seen in X).
      if (filter.toStatus) parts.push(sql`kind IN ('status', 'first_seen') AND to_value = ${filter.toStatus}`);
      if (filter.toHealth) parts.push(sql`kind = 'health' AND to_value = ${filter.toHealth}`);
      const where = sql.join(parts, sql` AND `);
      const offset = Math.max(0, Math.min(filter.offset, CHANGE_FEED_MAX_OFFSET));
      const rows = await db.rows<Record<string, unknown>>(sql`
        SELECT ${ENTRY_COLUMNS} FROM flow_history WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${CHANGE_FEED_PAGE} OFFSET ${offset}`);
      const days = await db.rows<{ day: string; count: number }>(sql`
        SELECT to_char(date_trunc('day', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count
        FROM flow_history WHERE ${where} GROUP BY 1 ORDER BY 1`);
      const perDay = days.map((d) => ({ day: d.day, count: Number(d.count) }));
      return { entries: rows.map(toEntry), total: perDay.reduce((n, d) => n + d.count, 0), perDay };
    },

    /**
     * Retention: removes entries and JSON versions first seen before `now - days`, never a flow's
     * latest snapshot, its current JSON version, a version an entry kept still points to, or the
     * JSON text any of those (or the index) points to.
     */
    async prune(days: number, now: number): Promise<{ entries: number; versions: number; texts: number }> {
      const cutoff = new Date(now - days * 86_400_000).toISOString();
      return db.transaction(async (tx) => {
        const entries = await tx.rows(sql`DELETE FROM flow_history WHERE at < ${cutoff}::timestamptz RETURNING id`);
        const versions = await tx.rows(sql`
          DELETE FROM flow_json_versions v WHERE v.first_seen_at < ${cutoff}::timestamptz
            AND NOT EXISTS (SELECT 1 FROM flow_snapshots s WHERE s.account_id = v.account_id AND s.channel_id = v.channel_id AND s.flow_id = v.flow_id
              AND s.snapshot ->> 'jsonSha256' = v.sha256)
            AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.account_id = v.account_id AND f.channel_id = v.channel_id AND f.flow_id = v.flow_id AND f.json_sha256 = v.sha256)
            AND NOT EXISTS (SELECT 1 FROM flow_history h WHERE h.account_id = v.account_id AND h.channel_id = v.channel_id AND h.flow_id = v.flow_id
              AND h.kind = 'json' AND (h.from_value = v.sha256 OR h.to_value = v.sha256))
          RETURNING sha256`);
        const texts = await tx.rows(sql`
          DELETE FROM flow_json j WHERE j.first_seen_at < ${cutoff}::timestamptz
            AND NOT EXISTS (SELECT 1 FROM flow_json_versions v WHERE v.sha256 = j.sha256)
            AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.json_sha256 = j.sha256)
          RETURNING sha256`);
        return { entries: entries.length, versions: versions.length, texts: texts.length };
      });
    },
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
