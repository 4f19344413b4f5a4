/**
 * The store: Flow Desk's index of every flow it has seen, their flow JSON (once per sha256), each
 * channel's sync state and lease, and the providers' request budgets. Typed functions over one
 * database (./engine); routes and the sync call these, never SQL.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ChannelRef, ChannelSync, FlowDetail, FlowSummary, Health, Problem } from '../../src/model/flow';
import type { SearchRow } from '../../src/model/search';
import type { Database } from './engine';
import { createHistoryStore, recordDetailHistory, recordJsonHistory, recordListHistory, type HistorySource, type RecordedJson } from './history';

/** Rows written per statement: PGlite runs one query at a time, so big writes go in short steps. */
const WRITE_BATCH = 500;

const iso = (value: unknown): string | null => (value == null ? null : new Date(value as string | Date).toISOString());
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
/** A text[] parameter as PostgreSQL's array literal (a JS array in a query would be spread into a list). */
const textArray = (values: readonly string[] | null | undefined): string | null =>
  values == null ? null : `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** Where a page of the search feed ended: the last row's transaction and key. */
export interface FeedCursor {
  xid: string;
  accountId: string;
  channelId: string;
  flowId: string;
}

/** A flow as the fleet search holds it: its result row, and the text free text matches (lower case). */
export interface FeedFlow {
  cursor: FeedCursor;
  text: string;
  row: SearchRow;
}

export interface ChannelIndexState {
  asOf: string | null;
  sync: ChannelSync;
  /** Whether a list of this channel has ever been stored. */
  indexed: boolean;
}

export interface Running {
  startedAt: string;
  listed: number;
  detailsDone: number;
  detailsTotal: number;
  etaSeconds: number | null;
}

/** A flow the index knows, as the sync compares it with a fresh list. */
export interface KnownFlow {
  flowId: string;
  name: string;
  status: string;
  detailsAt: string | null;
}

function searchText(name: string, flowId: string, errors: { code: string; message: string }[]): string {
  return [name, flowId, ...errors.flatMap((e) => [e.code, e.message])].join(' ').toLowerCase().slice(0, 20_000);
}

function healthLevel(health: Health | null | undefined): string | null {
  return health ? health.canSendMessage : null;
}

export function createStore(db: Database) {
  const one = async <T>(query: SQL) => (await db.rows<T>(query))[0];
  /** Writes of the flows table this store made (counted once each ended, committed or not). */
  let flowWrites = 0;

  const store = {
    db,
    history: createHistoryStore(db),
    /** How many writes of the flows table this store has made: each method that writes it counts. */
    get flowWrites() {
      return flowWrites;
    },

    async channelState(ref: ChannelRef): Promise<ChannelIndexState> {
      const row = await one<Record<string, unknown>>(sql`
        SELECT last_success_at, last_error, last_error_at, running, listed_at AS as_of
        FROM channels c WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`);
      if (!row) return { asOf: null, indexed: false, sync: { lastSuccessAt: null, lastError: null, lastErrorAt: null, running: null } };
      return {
        asOf: iso(row.as_of),
        // Only a stored list makes the index complete for the channel (flows opened one by one do not).
        indexed: row.as_of != null,
        sync: {
          lastSuccessAt: iso(row.last_success_at),
          lastError: (row.last_error as Problem | null) ?? null,
          lastErrorAt: iso(row.last_error_at),
          running: (row.running as Running | null) ?? null,
        },
      };
    },

    /** A page of a channel's flows from the index (flows gone from the provider are left out). */
    async channelFlows(ref: ChannelRef, offset: number, limit: number): Promise<{ flows: FlowSummary[]; total: number }> {
      const rows = await db.rows<Record<string, unknown>>(sql`
        SELECT flow_id, name, status, categories, error_count, health, count(*) OVER ()::int AS total
        FROM flows WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND gone_at IS NULL
        ORDER BY flow_id LIMIT ${limit} OFFSET ${offset}`);
      return { flows: rows.map(toSummary), total: Number(rows[0]?.total ?? 0) };
    },

    /** The flows of a channel the index knows (for the sync to compare with a fresh list). */
    async knownFlows(ref: ChannelRef): Promise<Map<string, KnownFlow>> {
      const rows = await db.rows<Record<string, unknown>>(sql`
        SELECT flow_id, name, status, details_at FROM flows
        WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND gone_at IS NULL`);
      return new Map(rows.map((r) => [String(r.flow_id), { flowId: String(r.flow_id), name: String(r.name), status: String(r.status), detailsAt: iso(r.details_at) }]));
    },

    /**
     * Stores a channel's whole list as seen at `seenAt`: new flows are added, known ones updated
     * (with whatever details the list carries), and flows missing from it are marked gone. Each
     * batch's history (first sightings, status and name changes) is recorded in its transaction.
     */
    async recordList(ref: ChannelRef, provider: string, flows: FlowSummary[], seenAt: string): Promise<{ written: number }> {
      try {
        await store.touchChannel(ref, provider);
        let written = 0;
        for (let i = 0; i < flows.length; i += WRITE_BATCH) {
          const batch = flows.slice(i, i + WRITE_BATCH);
          const values = sql.join(
            batch.map(
              (f) => sql`(${ref.accountId}, ${ref.channelId}, ${f.id}, ${provider}, ${f.name}, ${f.status},
                ${textArray(f.categories)}::text[], ${f.validationErrorCount ?? null}::int, ${json(f.health)}::jsonb, ${healthLevel(f.health)},
                ${searchText(f.name, f.id, [])}, ${seenAt}::timestamptz, ${seenAt}::timestamptz)`,
            ),
            sql`, `,
          );
          await db.transaction(async (tx) => {
            await tx.rows(sql`
              INSERT INTO flows (account_id, channel_id, flow_id, provider, name, status, categories, error_count, health, health_level, search_text, first_seen_at, last_seen_at)
              VALUES ${values}
              ON CONFLICT (account_id, channel_id, flow_id) DO UPDATE SET
                name = excluded.name,
                status = excluded.status,
                categories = coalesce(excluded.categories, flows.categories),
                error_count = coalesce(excluded.error_count, flows.error_count),
                health = coalesce(excluded.health, flows.health),
                health_level = coalesce(excluded.health_level, flows.health_level),
                search_text = CASE WHEN flows.name = excluded.name THEN flows.search_text ELSE excluded.search_text || ' ' || lower(coalesce((SELECT string_agg(c, ' ') FROM unnest(flows.error_codes) c), '')) END,
                last_seen_at = excluded.last_seen_at,
                gone_at = NULL`);
            written += await recordListHistory(tx, ref, provider, batch, seenAt);
          });
        }
        await db.rows(sql`
          UPDATE flows SET gone_at = ${seenAt}::timestamptz
          WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND gone_at IS NULL AND last_seen_at < ${seenAt}::timestamptz`);
        await db.rows(sql`UPDATE channels SET listed_at = ${seenAt}::timestamptz WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`);
        return { written };
      } finally {
        flowWrites++;
      }
    },

    /**
     * Stores a flow's latest details (from the sync or an agent opening it) and, in the same
     * transaction, what changed since the last time (its history). Returns the entries written.
     */
    async recordDetail(ref: ChannelRef, provider: string, detail: FlowDetail, seenAt: string, source: HistorySource = 'sync'): Promise<{ written: number; firstSeen: boolean }> {
      try {
        await store.touchChannel(ref, provider);
        const errors = detail.validationErrors;
        const codes = [...new Set(errors.map((e) => e.code))];
        return db.transaction(async (tx) => {
          await tx.rows(sql`
            INSERT INTO flows (account_id, channel_id, flow_id, provider, name, status, categories, validation_errors, error_codes, error_count,
              health, health_level, json_version, data_api_version, endpoint_uri, search_text, details_at, first_seen_at, last_seen_at)
            VALUES (${ref.accountId}, ${ref.channelId}, ${detail.id}, ${provider}, ${detail.name}, ${detail.status}, ${textArray(detail.categories)}::text[],
              ${JSON.stringify(errors)}::jsonb, ${textArray(codes)}::text[], ${errors.length}, ${json(detail.health)}::jsonb, ${healthLevel(detail.health)},
              ${detail.jsonVersion}, ${detail.dataApiVersion}, ${detail.endpointUri}, ${searchText(detail.name, detail.id, errors)},
              ${seenAt}::timestamptz, ${seenAt}::timestamptz, ${seenAt}::timestamptz)
            ON CONFLICT (account_id, channel_id, flow_id) DO UPDATE SET
              name = excluded.name, status = excluded.status, categories = excluded.categories, validation_errors = excluded.validation_errors,
              error_codes = excluded.error_codes, error_count = excluded.error_count, health = excluded.health, health_level = excluded.health_level,
              json_version = excluded.json_version, data_api_version = excluded.data_api_version, endpoint_uri = excluded.endpoint_uri,
              search_text = excluded.search_text, details_at = excluded.details_at, last_seen_at = greatest(flows.last_seen_at, excluded.last_seen_at), gone_at = NULL`);
          return recordDetailHistory(tx, ref, provider, detail, seenAt, source);
        });
      } finally {
        flowWrites++;
      }
    },

    /**
     * Remembers the flow JSON a flow had when it was downloaded (the text once per sha256), as a
     * version of the flow and, when it differs from the last one, a change in its history.
     */
    async recordJson(ref: ChannelRef, flowId: string, sha256: string, text: string, seenAt: string, source: HistorySource = 'sync', provider?: string): Promise<RecordedJson> {
      try {
        return db.transaction(async (tx) => {
          await tx.rows(sql`
            INSERT INTO flow_json (sha256, text, bytes, first_seen_at) VALUES (${sha256}, ${text}, ${Buffer.byteLength(text)}, ${seenAt}::timestamptz)
            ON CONFLICT (sha256) DO NOTHING`);
          const [row] = await tx.rows<{ provider: string }>(sql`
            UPDATE flows SET json_sha256 = ${sha256} WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId} RETURNING provider`);
          return recordJsonHistory(tx, ref, flowId, provider ?? row?.provider ?? '', sha256, seenAt, source);
        });
      } finally {
        flowWrites++;
      }
    },

    /** The latest details of several flows of one channel (each with its history). */
    async recordDetails(ref: ChannelRef, provider: string, details: FlowDetail[], seenAt: string): Promise<void> {
      for (const detail of details) await store.recordDetail(ref, provider, detail, seenAt, 'sync');
    },

    async flowJson(sha256: string): Promise<string | null> {
      const row = await one<{ text: string }>(sql`SELECT text FROM flow_json WHERE sha256 = ${sha256}`);
      return row?.text ?? null;
    },

    async flowJsonSha(ref: ChannelRef, flowId: string): Promise<string | null> {
      const row = await one<{ json_sha256: string | null }>(sql`
        SELECT json_sha256 FROM flows WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND flow_id = ${flowId}`);
      return row?.json_sha256 ?? null;
    },

    async touchChannel(ref: ChannelRef, provider: string): Promise<void> {
      await db.rows(sql`INSERT INTO channels (account_id, channel_id, provider) VALUES (${ref.accountId}, ${ref.channelId}, ${provider}) ON CONFLICT DO NOTHING`);
    },

    /**
     * Takes (or renews) the channel's sync lease for `owner` until `ttlMs` from now, unless another
     * owner holds an unexpired one: one replica syncs a given channel at a time.
     */
    async takeLease(ref: ChannelRef, provider: string, owner: string, ttlMs: number): Promise<boolean> {
      await store.touchChannel(ref, provider);
      const row = await one(sql`
        UPDATE channels SET lease_owner = ${owner}, lease_until = clock_timestamp() + make_interval(secs => ${ttlMs / 1000})
        WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}
          AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until < clock_timestamp())
        RETURNING lease_owner`);
      return row !== undefined;
    },

    async releaseLease(ref: ChannelRef, owner: string): Promise<void> {
      await db.rows(sql`UPDATE channels SET lease_owner = NULL, lease_until = NULL WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId} AND lease_owner = ${owner}`);
    },

    async syncRunning(ref: ChannelRef, running: Running | null): Promise<void> {
      await db.rows(sql`
        UPDATE channels SET running = ${json(running)}::jsonb, last_started_at = coalesce(${running?.startedAt ?? null}::timestamptz, last_started_at)
        WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`);
    },

    async syncFinished(ref: ChannelRef, at: string, error: Problem | null): Promise<void> {
      await db.rows(
        error
          ? sql`UPDATE channels SET running = NULL, last_error = ${JSON.stringify(error)}::jsonb, last_error_at = ${at}::timestamptz WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`
          : sql`UPDATE channels SET running = NULL, last_error = NULL, last_error_at = NULL, last_success_at = ${at}::timestamptz WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`,
      );
    },

    /**
     * One call's permit from a request budget held in the database (a sliding window of call
     * times per key, under a row lock, on the database's clock), so replicas sharing the database
     * never exceed it together. `limit` is what this caller may use of the window.
     */
    async permit(key: string, limit: number, windowMs: number): Promise<{ granted: boolean; waitMs: number }> {
      await db.rows(sql`INSERT INTO request_budget (key) VALUES (${key}) ON CONFLICT DO NOTHING`);
      return db.transaction(async (tx) => {
        await tx.rows(sql`SELECT 1 FROM request_budget WHERE key = ${key} FOR UPDATE`);
        const window = sql`make_interval(secs => ${windowMs / 1000})`;
        const [row] = await tx.rows<{ n: number; pivot_ms: number | null; now_ms: number }>(sql`
          SELECT cardinality(recent)::int AS n,
            (extract(epoch FROM recent[greatest(1, cardinality(recent) - ${limit} + 1)]) * 1000)::float8 AS pivot_ms,
            (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms
          FROM (SELECT array(SELECT c FROM unnest(calls) c WHERE c > clock_timestamp() - ${window} ORDER BY c) AS recent
                FROM request_budget WHERE key = ${key}) r`);
        if (Number(row!.n) < limit) {
          await tx.rows(sql`
            UPDATE request_budget SET calls = array(SELECT c FROM unnest(calls) c WHERE c > clock_timestamp() - ${window}) || clock_timestamp()
            WHERE key = ${key}`);
          return { granted: true, waitMs: 0 };
        }
        // The call that must leave the window before one more fits.
        return { granted: false, waitMs: Math.max(1, Math.ceil(Number(row!.pivot_ms) + windowMs - Number(row!.now_ms))) };
      });
    },

    /**
     * The flows written by transactions from `since` on (a transaction id; '0' for every flow), a
     * page in write order after `after`, and the oldest transaction still running when it was read
     * (`xmin`): the next `since`, so a write that commits later is never missed. Feeds the fleet
     * search (server/search), which answers from memory.
     */
    async flowsWrittenSince(since: string, after: FeedCursor | null, limit: number): Promise<{ xmin: string; flows: FeedFlow[] }> {
      const from = after
        ? sql`(row_xid, account_id, channel_id, flow_id) > (${after.xid}::xid8, ${after.accountId}, ${after.channelId}, ${after.flowId})`
        : sql`row_xid >= ${since}::xid8`;
      const rows = await db.rows<Record<string, unknown>>(sql`
        WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin)
        SELECT s.xmin, f.* FROM s LEFT JOIN LATERAL (
          SELECT row_xid::text AS xid, account_id, channel_id, provider, flow_id, name, status, categories, error_count, health::text AS health_json,
            error_codes, json_version, details_at, last_seen_at, gone_at, search_text
          FROM flows WHERE ${from} ORDER BY flows.row_xid, account_id, channel_id, flow_id LIMIT ${limit}) f ON true`);
      // Most flows share a handful of health values: each distinct one is parsed once.
      const healths = new Map<string, Health>();
      const healthOf = (text: unknown) => {
        if (typeof text !== 'string') return null;
        let health = healths.get(text);
        if (!health) healths.set(text, (health = JSON.parse(text) as Health));
        return health;
      };
      return {
        xmin: String(rows[0]!.xmin),
        flows: rows
          .filter((r) => r.xid != null)
          .map((r) => ({
            cursor: { xid: String(r.xid), accountId: String(r.account_id), channelId: String(r.channel_id), flowId: String(r.flow_id) },
            text: String(r.search_text),
            row: {
              accountId: String(r.account_id),
              channelId: String(r.channel_id),
              provider: String(r.provider),
              flow: toSummary({ ...r, health: healthOf(r.health_json) }),
              errorCodes: (r.error_codes as string[] | null) ?? [],
              jsonVersion: (r.json_version as string | null) ?? null,
              detailsAt: iso(r.details_at),
              seenAt: iso(r.last_seen_at)!,
              goneAt: iso(r.gone_at),
            },
          })),
      };
    },
  };
  return store;
}

export type Store = ReturnType<typeof createStore>;

function toSummary(r: Record<string, unknown>): FlowSummary {
  return {
    id: String(r.flow_id),
    name: String(r.name),
    status: String(r.status),
    categories: (r.categories as string[] | null) ?? undefined,
    validationErrorCount: r.error_count == null ? undefined : Number(r.error_count),
    health: (r.health as Health | null) ?? undefined,
  };
}
