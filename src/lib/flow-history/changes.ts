/**
 * Change detection for flow history: given the previous recorded snapshot of a flow (or none)
 * and a new one, the entries to append. Pure, deterministic and idempotent: comparing a snapshot
 * with itself gives nothing, so the same observation recorded twice adds nothing the second time.
 *
 * Each entry carries a `dedupeKey` (flow + kind + from→to + time bucket) for a unique index in the
 * store: two replicas, or a sync and a live read, that see the same change within the same bucket
 * derive the same key, and the second insert is a no-op (`ON CONFLICT DO NOTHING`).
 */
import type { ChangeKind } from '../../model/history';

export interface SnapshotHealthEntity {
  type: string;
  id: string | null;
  canSendMessage: string;
  errors: readonly { code: string | number | null; description: string }[];
}

export interface SnapshotValidationError {
  code: string;
  path: string | null;
  message: string;
}

/** What the recorder keeps of a flow at one observation. */
export interface FlowSnapshot {
  status: string;
  name: string;
  categories: readonly string[];
  /** `null`: the provider does not expose health (or did not send it). */
  health: { canSendMessage: string; entities: readonly SnapshotHealthEntity[] } | null;
  validationErrors: readonly SnapshotValidationError[];
  jsonVersion: string | null;
  dataApiVersion: string | null;
  endpointUri: string | null;
  /** sha256 (hex) of the flow JSON text; `null` when there is none or it was not downloaded. */
  jsonSha256: string | null;
}

export interface FlowKey {
  accountId: string;
  channelId: string;
  flowId: string;
}

export interface DetectedChange {
  kind: ChangeKind;
  from: string | null;
  to: string | null;
  detail: unknown;
  /** Deterministic: flow + kind + from→to (+ error/entity identity) + time bucket. */
  dedupeKey: string;
}

export interface DetectOptions {
  /** When the new snapshot was seen (ms since epoch). */
  at: number;
  /** Width of the dedupe time bucket; default one minute. */
  bucketMs?: number;
}

export const DEFAULT_BUCKET_MS = 60_000;

const errorKey = (e: SnapshotValidationError) => `${e.code}\u0000${e.path ?? ''}`;
const entityKey = (e: SnapshotHealthEntity) => `${e.type}:${e.id ?? ''}`;

/** Categories compared as a set: order from the provider is not a change. */
const categoriesText = (c: readonly string[]) => [...new Set(c)].sort().join(', ');

function healthText(h: FlowSnapshot['health']): string | null {
  return h ? h.canSendMessage : null;
}

/** A canonical form of the health, so reordering entities or their errors is not a change. */
function healthSignature(h: FlowSnapshot['health']): string {
  if (!h) return 'null';
  const entities = h.entities
    .map((e) => ({
      k: entityKey(e),
      c: e.canSendMessage,
      errors: e.errors.map((x) => `${String(x.code)}|${x.description}`).sort(),
    }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return JSON.stringify([h.canSendMessage, entities]);
}

/** Entities whose can_send_message or errors changed (added and removed entities included). */
function entityChanges(prev: FlowSnapshot['health'], next: FlowSnapshot['health']) {
  const before = new Map((prev?.entities ?? []).map((e) => [entityKey(e), e]));
  const after = new Map((next?.entities ?? []).map((e) => [entityKey(e), e]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: { entity: string; type: string; id: string | null; from: string | null; to: string | null; errors: SnapshotHealthEntity['errors'] }[] = [];
  for (const k of keys) {
    const a = before.get(k);
    const b = after.get(k);
    const sig = (e: SnapshotHealthEntity | undefined) =>
      e ? JSON.stringify([e.canSendMessage, e.errors.map((x) => `${String(x.code)}|${x.description}`).sort()]) : 'none';
    if (sig(a) === sig(b)) continue;
    const e = (b ?? a) as SnapshotHealthEntity;
    out.push({ entity: k, type: e.type, id: e.id, from: a?.canSendMessage ?? null, to: b?.canSendMessage ?? null, errors: b?.errors ?? [] });
  }
  return out;
}

/** FNV-1a, 32 bits, hex: short stable digest for keys with long parts (error lists). */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function dedupeKey(flow: FlowKey, kind: ChangeKind, from: string | null, to: string | null, at: number, bucketMs = DEFAULT_BUCKET_MS, extra = ''): string {
  const bucket = Math.floor(at / bucketMs);
  const part = (v: string | null) => (v === null ? '∅' : encodeURIComponent(v));
  return [flow.accountId, flow.channelId, flow.flowId, kind, `${part(from)}>${part(to)}`, extra ? digest(extra) : '', String(bucket)].map(encodeURIComponent).join('/');
}

/**
 * The entries to append when `next` is seen after `prev` (the last recorded snapshot, `null` on
 * first sighting). Order is fixed: status, name, categories, health, errors removed, errors added,
 * versions, endpoint, JSON.
 */
export function detectChanges(flow: FlowKey, prev: FlowSnapshot | null, next: FlowSnapshot, options: DetectOptions): DetectedChange[] {
  const bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
  const make = (kind: ChangeKind, from: string | null, to: string | null, detail: unknown, extra = ''): DetectedChange => ({
    kind,
    from,
    to,
    detail,
    dedupeKey: dedupeKey(flow, kind, from, to, options.at, bucketMs, extra),
  });

  if (!prev) {
    return [
      make('first_seen', null, next.status, {
        name: next.name,
        categories: [...next.categories],
        health: healthText(next.health),
        errorCount: next.validationErrors.length,
        jsonSha256: next.jsonSha256,
      }),
    ];
  }

  const out: DetectedChange[] = [];
  if (prev.status !== next.status) out.push(make('status', prev.status, next.status, null));
  if (prev.name !== next.name) out.push(make('name', prev.name, next.name, null));
  const catsBefore = categoriesText(prev.categories);
  const catsAfter = categoriesText(next.categories);
  if (catsBefore !== catsAfter) out.push(make('categories', catsBefore, catsAfter, null));

  if (healthSignature(prev.health) !== healthSignature(next.health)) {
    const entities = entityChanges(prev.health, next.health);
    out.push(make('health', healthText(prev.health), healthText(next.health), { entities }, healthSignature(next.health)));
  }

  const before = new Map(prev.validationErrors.map((e) => [errorKey(e), e]));
  const after = new Map(next.validationErrors.map((e) => [errorKey(e), e]));
  const sortErrors = (list: SnapshotValidationError[]) => list.sort((a, b) => (errorKey(a) < errorKey(b) ? -1 : errorKey(a) > errorKey(b) ? 1 : 0));
  const removed = sortErrors([...before].filter(([k]) => !after.has(k)).map(([, e]) => e));
  const added = sortErrors([...after].filter(([k]) => !before.has(k)).map(([, e]) => e));
  const errorsDetail = (list: SnapshotValidationError[]) => ({ errors: list.map((e) => ({ code: e.code, path: e.path, message: e.message })) });
  if (removed.length > 0)
    out.push(make('errors_removed', String(before.size), String(after.size), errorsDetail(removed), removed.map(errorKey).join('\n')));
  if (added.length > 0) out.push(make('errors_added', String(before.size), String(after.size), errorsDetail(added), added.map(errorKey).join('\n')));

  if (prev.jsonVersion !== next.jsonVersion) out.push(make('json_version', prev.jsonVersion, next.jsonVersion, null));
  if (prev.dataApiVersion !== next.dataApiVersion) out.push(make('data_api_version', prev.dataApiVersion, next.dataApiVersion, null));
  if (prev.endpointUri !== next.endpointUri) out.push(make('endpoint_uri', prev.endpointUri, next.endpointUri, null));
  // A JSON that was not downloaded this time (null) is not a change: only a new hash is.
  if (next.jsonSha256 !== null && prev.jsonSha256 !== next.jsonSha256) out.push(make('json', prev.jsonSha256, next.jsonSha256, null));
  return out;
}

/**
 * The snapshot to store after recording `next`: the JSON hash of `prev` carries over when this
 * observation did not download the JSON (a list sync), so the next comparison stays meaningful.
 */
export function mergeSnapshot(prev: FlowSnapshot | null, next: FlowSnapshot): FlowSnapshot {
  return next.jsonSha256 === null && prev ? { ...next, jsonSha256: prev.jsonSha256 } : next;
}
