/**
 * Flow history: what changed in a flow, when it was first seen, and where (a background sync or an
 * agent opening the flow). The server records it in its database; the browser parses answers with
 * these schemas. One change per entry; the first sighting is a "first_seen" entry, not a change.
 */
import { z } from 'zod/mini';
import { ValidationErrorSchema } from './flow';

export const CHANGE_KINDS = [
  'first_seen',
  'status',
  'name',
  'categories',
  'health',
  'errors_added',
  'errors_removed',
  'json_version',
  'data_api_version',
  'endpoint_uri',
  'json',
  'gone',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const HistoryEntrySchema = z.object({
  /** Stable id, usable in links (`?entry=<id>`). */
  id: z.string(),
  accountId: z.string(),
  channelId: z.string(),
  flowId: z.string(),
  provider: z.string(),
  flowName: z.string(),
  /** When the change was first seen (ISO). */
  at: z.string(),
  source: z.enum(['sync', 'live']),
  kind: z.enum(CHANGE_KINDS),
  /**
   * The value before and after, as text: a status, a name, a comma-separated list of categories,
   * an overall health level, a version, a URI, a JSON sha256. For health, `detail` has the entities;
   * for errors, `detail` lists each error (code, path, message).
   */
  from: z.nullable(z.string()),
  to: z.nullable(z.string()),
  detail: z.nullable(z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const FlowHistorySchema = z.object({
  entries: z.array(HistoryEntrySchema),
  /** Older entries exist: ask again with `before=<oldest entry id>`. */
  more: z.boolean(),
});
export type FlowHistory = z.infer<typeof FlowHistorySchema>;

/** One stored version of a flow's JSON, for comparisons. */
export const JsonVersionSchema = z.object({
  sha256: z.string(),
  firstSeenAt: z.string(),
  /** The flow's status and validation error count when this version was current. */
  status: z.nullable(z.string()),
  errorCount: z.nullable(z.number()),
  /** The validation errors the flow had when this version was first seen (null when unknown). */
  validationErrors: z.optional(z.nullable(z.array(ValidationErrorSchema))),
});
export type JsonVersion = z.infer<typeof JsonVersionSchema>;

export const ChangeFeedSchema = z.object({
  entries: z.array(HistoryEntrySchema),
  total: z.number(),
  /** Changes per UTC day in the range, oldest first. */
  perDay: z.array(z.object({ day: z.string(), count: z.number() })),
});
export type ChangeFeed = z.infer<typeof ChangeFeedSchema>;

export const DIFF_LINE_KINDS = ['same', 'removed', 'added'] as const;
export type DiffLineKind = (typeof DIFF_LINE_KINDS)[number];

const DiffLineSchema = z.object({
  kind: z.enum(DIFF_LINE_KINDS),
  /** The line as compared (cut past a few thousand characters, ending with "…"). */
  text: z.string(),
  /** Validation errors on this line (code: message), of its version; an unchanged line shows the newer version's. */
  errors: z.optional(z.array(z.string())),
});
export type DiffLine = z.infer<typeof DiffLineSchema>;

/**
 * The changes between two stored versions of a flow JSON, line by line, with a few unchanged
 * lines around each change (a hunk): what the comparison shows first, computed once on the server.
 */
export const JsonChangesSchema = z.object({
  /** Both sides were pretty-printed to compare them (one was minified). */
  formatted: z.boolean(),
  /** Lines of the older and the newer text, as compared. */
  linesA: z.number(),
  linesB: z.number(),
  /** Changed lines in all (removed plus added). */
  changed: z.number(),
  /** False when the changes were too many to list or to search one by one: see the whole documents. */
  complete: z.boolean(),
  hunks: z.array(
    z.object({
      /** First line of the hunk in the older and in the newer text (1-based). */
      a: z.number(),
      b: z.number(),
      lines: z.array(DiffLineSchema),
    }),
  ),
});
export type JsonChanges = z.infer<typeof JsonChangesSchema>;
