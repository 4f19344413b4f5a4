/**
 * Who is asking, per request, and the one access check every account-scoped route uses.
 * Set by the session middleware (`createAuth().requireSession`) on every /api request.
 *
 * Later routes (search, history, sync, counts) filter with `accountScope(c)` / `canSeeAccount(c, id)`
 * and guard a single account with `authorizeAccount(c, id)`: the same rules, in one place.
 */
import type { Context } from 'hono';
import { makeProblem } from '../../src/model/flow';
import { canSee, type AccountScope } from './access';
import type { AuditAction, AuditLog } from './audit';
import type { SessionUser } from './sessions';
import type { AuthMode } from './settings';

export interface Viewer {
  mode: AuthMode;
  /** The signed-in user; null without sign-in (local and anonymous modes). */
  user: SessionUser | null;
  scope: AccountScope;
  /** The request's address (through a trusted proxy: the address it reports). */
  address: string | null;
  audit: AuditLog;
}

declare module 'hono' {
  interface ContextVariableMap {
    flowDeskViewer: Viewer;
  }
}

/** Nobody: what a request without a viewer (a route mounted outside the session middleware) may see. */
const NOTHING: AccountScope = { all: false, admin: false, ids: new Set() };

export const viewerOf = (c: Context): Viewer | undefined => c.get('flowDeskViewer');

/** The accounts this request's user may see. Fails closed: no viewer, no account. */
export const accountScope = (c: Context): AccountScope => viewerOf(c)?.scope ?? NOTHING;

export const canSeeAccount = (c: Context, accountId: string): boolean => canSee(accountScope(c), accountId);

/**
 * The account ids this request's user may see, for services that filter many accounts at once
 * (fleet search, a change feed): `'all'`, or exactly these ids (none without a viewer). Filter in
 * the query itself (e.g. `account_id = ANY(...)`), never after paging, so counts stay exact.
 */
export function allowedAccountIds(c: Context): 'all' | readonly string[] {
  const scope = accountScope(c);
  return scope.all ? 'all' : [...scope.ids].sort();
}

/** How a user is named in the audit trail. */
export function auditName(viewer: Pick<Viewer, 'mode' | 'user'>): string {
  if (viewer.user) return viewer.user.email ?? viewer.user.id;
  return viewer.mode === 'local' ? 'local' : 'anonymous';
}

export interface AuditTarget {
  account?: string | null;
  channel?: string | null;
  flow?: string | null;
  detail?: string | null;
}

/** Records an action of this request's user (no-op without a viewer). */
export async function recordAudit(c: Context, action: AuditAction, target: AuditTarget = {}): Promise<void> {
  const viewer = viewerOf(c);
  if (!viewer) return;
  await viewer.audit.append({
    at: new Date(),
    action,
    user: auditName(viewer),
    account: target.account ?? null,
    channel: target.channel ?? null,
    flow: target.flow ?? null,
    address: viewer.address,
    detail: target.detail ?? null,
  });
}

export const NO_ACCESS_MESSAGE = 'You have no access to this account.';

/**
 * The access check of every account-scoped route: null when the user may see the account;
 * otherwise the 403 answer (recorded in the audit trail). Unknown and forbidden accounts get the
 * same answer, and it is given before any provider call, so nothing tells whether a flow exists.
 */
export async function authorizeAccount(c: Context, accountId: string, target: Omit<AuditTarget, 'account'> = {}): Promise<Response | null> {
  if (canSeeAccount(c, accountId)) return null;
  await recordAudit(c, 'access_refused', { ...target, account: accountId.slice(0, 80), detail: target.detail ?? `${c.req.method} ${c.req.path.slice(0, 300)}` });
  return c.json({ problem: makeProblem({ kind: 'forbidden', message: NO_ACCESS_MESSAGE }) }, 403);
}
