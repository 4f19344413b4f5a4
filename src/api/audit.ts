/** The audit trail (admins only) and the records the UI reports itself: defined once. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import type { ChannelRef } from '../model/flow';
import { getJson, postJson } from './client';
import { REQUEST_HEADER } from '../model/request-header';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  user?: string;
  account?: string;
  flow?: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
  /** 0-based. */
  page?: number;
}

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  user: z.string(),
  account: z.nullable(z.string()),
  channel: z.nullable(z.string()),
  flow: z.nullable(z.string()),
  address: z.nullable(z.string()),
  detail: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const AuditPageSchema = z.object({ total: z.number(), entries: z.array(AuditEntrySchema) });

function filterQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['user', 'account', 'flow', 'from', 'to'] as const) {
    const value = filters[key]?.trim();
    if (value) query.set(key, value);
  }
  return query;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

export const auditQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => {
      const query = filterQuery(filters);
      query.set('limit', String(AUDIT_PAGE_SIZE));
      query.set('offset', String((filters.page ?? 0) * AUDIT_PAGE_SIZE));
      return getJson(`/api/audit?${query}`, (b) => AuditPageSchema.parse(b), signal);
    },
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

/** The CSV export of every entry matching the filters (the browser downloads it with the session cookie). */
export const auditCsvHref = (filters: AuditFilters) => {
  const query = filterQuery(filters).toString();
  return `/api/audit.csv${query ? `?${query}` : ''}`;
};

/** An admin ends every session of a user (email, or id at the identity provider), on every replica; resolves to how many ended. */
export async function revokeSessions(user: string): Promise<number> {
  const body = z.object({ revoked: z.number() }).parse(await postJson('/api/admin/sessions/revoke', { user }));
  return body.revoked;
}

const seg = encodeURIComponent;

/** Records that the user copied this flow's summary for a ticket. Best effort: copying never waits on it. */
export function recordTicketCopy(ref: ChannelRef, flowId: string): Promise<void> {
  return fetch(`/api/accounts/${seg(ref.accountId)}/channels/${seg(ref.channelId)}/flows/${seg(flowId)}/ticket-copy`, { method: 'POST', headers: REQUEST_HEADER }).then(
    () => undefined,
    () => undefined,
  );
}
