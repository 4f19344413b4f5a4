/**
 * Facing a network: the Host check (421 before any route, against DNS rebinding), the
 * cross-site request check of state-changing routes, and the client's address, trusting
 * `X-Forwarded-*` only with FLOWDESK_TRUST_PROXY=true.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { makeProblem } from '../../src/model/flow';
import { REQUEST_HEADER_NAME } from '../../src/model/request-header';
import { isLoopback, type AuthSettings } from './settings';

type NetworkSettings = Pick<AuthSettings, 'mode' | 'publicUrl' | 'trustProxy'>;

/** The last value of a comma-separated forwarding header: the one our own proxy added. */
const lastOf = (value: string | undefined) => value?.split(',').at(-1)?.trim() || undefined;

/** The Host the client asked for (through a trusted proxy: the one it forwarded). */
export function requestHost(c: Context, settings: Pick<AuthSettings, 'trustProxy'>): string {
  const forwarded = settings.trustProxy ? lastOf(c.req.header('x-forwarded-host')) : undefined;
  return forwarded ?? c.req.header('host') ?? new URL(c.req.url).host;
}

/** The scheme the client used (through a trusted proxy: the one it forwarded). */
export function requestProtocol(c: Context, settings: Pick<AuthSettings, 'trustProxy'>): string {
  const forwarded = settings.trustProxy ? lastOf(c.req.header('x-forwarded-proto'))?.toLowerCase() : undefined;
  return forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : new URL(c.req.url).protocol;
}

/** `host[:port]` as a URL with this scheme would write it (default port dropped, lower case), or null if it is not a host. */
function normalHost(host: string, protocol: string): { host: string; hostname: string } | null {
  if (!/^[A-Za-z0-9.\-:[\]]{1,300}$/.test(host)) return null;
  try {
    const url = new URL(`${protocol}//${host}`);
    return url.pathname === '/' && !url.username ? { host: url.host, hostname: url.hostname } : null;
  } catch {
    return null;
  }
}

/** Whether Flow Desk answers for this Host: the public URL's host, or a loopback name in local mode. */
export function hostAllowed(host: string, settings: NetworkSettings): boolean {
  if (settings.publicUrl) {
    const asked = normalHost(host, settings.publicUrl.protocol);
    if (asked && asked.host === settings.publicUrl.host) return true;
  }
  if (settings.mode === 'local') {
    const asked = normalHost(host, 'http:');
    return asked !== null && isLoopback(asked.hostname);
  }
  return false;
}

/** 421 for any request whose Host is not ours, before any route runs. */
export function hostGuard(settings: NetworkSettings): MiddlewareHandler {
  const expected = settings.publicUrl ? settings.publicUrl.host : 'localhost, 127.0.0.1 or [::1]';
  return async (c, next) => {
    if (hostAllowed(requestHost(c, settings), settings)) return next();
    const message = `This Flow Desk server answers only requests for ${expected}.`;
    c.header('Cache-Control', 'no-store');
    return c.req.path.startsWith('/api/') ? c.json({ problem: makeProblem({ kind: 'invalid_request', message }) }, 421) : c.text(message, 421);
  };
}

/** The header Flow Desk's pages send with every state-changing request (a cross-site form cannot). */
export const CSRF_HEADER = REQUEST_HEADER_NAME.toLowerCase();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request must be refused as cross-site, or null when it may go on: it
 * needs Flow Desk's request header, a same-origin `Sec-Fetch-Site` when the browser sends one,
 * and an `Origin` (when sent) equal to Flow Desk's own. The session cookie is SameSite=Lax on top.
 */
export function crossSiteRefusal(c: Context, settings: NetworkSettings): string | null {
  if (SAFE_METHODS.has(c.req.method)) return null;
  if (c.req.header(CSRF_HEADER) !== '1') return `the ${CSRF_HEADER} header is missing`;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site.slice(0, 20)}`;
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const own = settings.publicUrl ? settings.publicUrl.origin : `${requestProtocol(c, settings)}//${requestHost(c, settings)}`;
    let asked: string;
    try {
      asked = new URL(origin).origin;
    } catch {
      return 'the Origin header is not an origin';
    }
    if (asked !== own) return 'the Origin is another site';
  }
  return null;
}

/** The client's address: the connection's, or with FLOWDESK_TRUST_PROXY=true the last X-Forwarded-For entry. */
export function clientAddress(c: Context, settings: Pick<AuthSettings, 'trustProxy'>): string | null {
  if (settings.trustProxy) {
    const forwarded = lastOf(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // Not served by Node (app.request in tests): no connection to ask.
    return null;
  }
}
