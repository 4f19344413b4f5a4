/**
 * The audit trail: who signed in and out, who opened which flow, downloaded its JSON or copied
 * it for a ticket, and every refused access. `AuditLog` is the seam for the database;
 * `MemoryAuditLog` keeps entries in this process (for one server and tests).
 */
import { randomUUID } from 'node:crypto';

export const AUDIT_ACTIONS = ['sign_in', 'sign_out', 'flow_opened', 'flow_json_downloaded', 'flow_copied_for_ticket', 'sync_started', 'sessions_revoked', 'access_refused'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: Date;
  action: AuditAction;
  /** The user's email (or, without one, their id at the identity provider); "local" or "anonymous" without sign-in. */
  user: string;
  account: string | null;
  channel: string | null;
  flow: string | null;
  /** The request's address (the client's, through a trusted proxy). */
  address: string | null;
  /** What was refused, and why, for `access_refused`. */
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  /** Exact, case-insensitive. */
  user?: string;
  account?: string;
  flow?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Entries matching the filter, in all pages. */
  total: number;
}

export interface AuditLog {
  append(entry: NewAuditEntry): Promise<void>;
  /** Matching entries, newest first, `offset` entries skipped, at most `limit`. */
  query(filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditPage>;
}

export function matchesAudit(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.user !== undefined && entry.user.toLowerCase() !== filter.user.toLowerCase()) return false;
  if (filter.account !== undefined && entry.account !== filter.account) return false;
  if (filter.flow !== undefined && entry.flow !== filter.flow) return false;
  if (filter.from && entry.at < filter.from) return false;
  if (filter.to && entry.at >= filter.to) return false;
  return true;
}

export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  constructor(private readonly limit = 100_000) {}

  async append(entry: NewAuditEntry): Promise<void> {
    this.entries.push({ ...entry, id: randomUUID() });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  async query(filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditPage> {
    const matching: AuditEntry[] = [];
    // Appended in time order: walk back from the newest.
    for (let i = this.entries.length - 1; i >= 0; i--) if (matchesAudit(this.entries[i]!, filter)) matching.push(this.entries[i]!);
    matching.sort((a, b) => b.at.getTime() - a.at.getTime());
    return { entries: matching.slice(page.offset, page.offset + page.limit).map((e) => ({ ...e })), total: matching.length };
  }
}

const CSV_COLUMNS = ['time', 'action', 'user', 'account', 'channel', 'flow', 'address', 'detail'] as const;

/** One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula. */
function csvField(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [e.at.toISOString(), e.action, e.user, e.account, e.channel, e.flow, e.address, e.detail].map(csvField).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
