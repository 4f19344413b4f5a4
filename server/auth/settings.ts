/**
 * Who may reach Flow Desk and how, read from the environment at start-up: sign-in (OpenID
 * Connect), sessions, the public address, the bind address and the reverse proxy, plus the
 * accounts file's `access` section. Every mistake stops start-up with a message naming the
 * variable; a secret's value is never part of a message.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError, type ServerConfig } from '../config';
import { parseAccess, type AccessPolicy } from './access';

type Env = Record<string, string | undefined>;

/**
 * - `oidc`: everyone signs in with the identity provider; access per account from the rules.
 * - `local`: no sign-in; listens on loopback only; the person at this computer sees everything.
 * - `anonymous`: no sign-in, beyond loopback (`FLOWDESK_ALLOW_ANONYMOUS=true`); everyone sees everything.
 */
export type AuthMode = 'oidc' | 'local' | 'anonymous';

export interface OidcSettings {
  issuerUrl: URL;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
}

export interface AuthSettings {
  mode: AuthMode;
  oidc: OidcSettings | null;
  /** The address users type (`FLOWDESK_PUBLIC_URL`), origin only; required with sign-in and anonymous mode. */
  publicUrl: URL | null;
  /** At least 32 characters: signs the sign-in cookie and keys the stored sessions. */
  sessionSecret: string;
  sessionHours: number;
  /** Addresses to listen on: loopback (127.0.0.1 and ::1) in local mode unless `HOST` names one of them. */
  listen: string[];
  trustProxy: boolean;
  access: AccessPolicy;
  /** Said at start-up, not fatal. */
  warnings: string[];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a bind address or host name stays on this computer. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare) || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::ffff:127.0.0.1';
}

const truthy = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim().toLowerCase();
      if (!value) return false;
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false.` });
      return z.NEVER;
    });

const envSchema = z.object({
  OIDC_ISSUER_URL: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().optional(),
  FLOWDESK_PUBLIC_URL: z.string().optional(),
  FLOWDESK_SESSION_SECRET: z.string().optional(),
  FLOWDESK_SESSION_HOURS: z.string().optional(),
  FLOWDESK_ALLOW_ANONYMOUS: truthy('FLOWDESK_ALLOW_ANONYMOUS'),
  FLOWDESK_TRUST_PROXY: truthy('FLOWDESK_TRUST_PROXY'),
  HOST: z.string().optional(),
});

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function parseUrl(name: string, value: string, { originOnly }: { originOnly: boolean }): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL (expected e.g. https://flowdesk.example.com).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http or https URL.`);
  if (url.username || url.password) throw new ConfigError(`${name} must not carry a user name or password.`);
  if (url.search || url.hash) throw new ConfigError(`${name} must not have a query or fragment.`);
  if (originOnly && url.pathname !== '/') throw new ConfigError(`${name} must be an origin without a path (e.g. https://flowdesk.example.com): Flow Desk is served from the root of its host.`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigError(`${name} must use https (http is accepted only for loopback addresses such as 127.0.0.1).`);
  }
  return url;
}

/** A fresh secret for local and anonymous modes, where nothing needs to outlive the process. */
const randomSecret = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

export function loadAuthSettings(env: Env, config: Pick<ServerConfig, 'accounts' | 'access'>): AuthSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const e = parsed.data;
  const warnings: string[] = [];
  const issuer = blank(e.OIDC_ISSUER_URL);
  const clientId = blank(e.OIDC_CLIENT_ID);
  const clientSecret = blank(e.OIDC_CLIENT_SECRET);
  const oidcWanted = Boolean(issuer || clientId || clientSecret);

  if (oidcWanted && e.FLOWDESK_ALLOW_ANONYMOUS) {
    throw new ConfigError('FLOWDESK_ALLOW_ANONYMOUS=true and sign-in (OIDC_ISSUER_URL…) are both set: choose one.');
  }
  const mode: AuthMode = oidcWanted ? 'oidc' : e.FLOWDESK_ALLOW_ANONYMOUS ? 'anonymous' : 'local';

  let oidc: OidcSettings | null = null;
  if (mode === 'oidc') {
    const missing = [
      ['OIDC_ISSUER_URL', issuer],
      ['OIDC_CLIENT_ID', clientId],
      ['OIDC_CLIENT_SECRET', clientSecret],
      ['FLOWDESK_PUBLIC_URL', blank(e.FLOWDESK_PUBLIC_URL)],
      ['FLOWDESK_SESSION_SECRET', blank(e.FLOWDESK_SESSION_SECRET)],
    ]
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (missing.length) throw new ConfigError(`Sign-in is configured but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set.`);
    const scopes = blank(e.OIDC_SCOPES) ?? 'openid email profile';
    if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('OIDC_SCOPES must include "openid".');
    const groupsClaim = blank(e.OIDC_GROUPS_CLAIM) ?? 'groups';
    oidc = { issuerUrl: parseUrl('OIDC_ISSUER_URL', issuer!, { originOnly: false }), clientId: clientId!, clientSecret: clientSecret!, scopes, groupsClaim };
  }

  const publicText = blank(e.FLOWDESK_PUBLIC_URL);
  const publicUrl = publicText ? parseUrl('FLOWDESK_PUBLIC_URL', publicText, { originOnly: true }) : null;
  if (mode === 'anonymous' && !publicUrl) {
    throw new ConfigError('FLOWDESK_ALLOW_ANONYMOUS=true needs FLOWDESK_PUBLIC_URL: only requests to that host are answered (a guard against DNS rebinding).');
  }

  const secretText = e.FLOWDESK_SESSION_SECRET ?? '';
  if (secretText && secretText.length < 32) throw new ConfigError('FLOWDESK_SESSION_SECRET must be at least 32 characters long.');
  const sessionSecret = secretText || randomSecret();

  const hoursText = blank(e.FLOWDESK_SESSION_HOURS);
  const sessionHours = hoursText === undefined ? 12 : Number(hoursText);
  if (!Number.isFinite(sessionHours) || sessionHours <= 0 || sessionHours > 24 * 90) {
    throw new ConfigError('FLOWDESK_SESSION_HOURS must be a number of hours between 0 and 2160 (90 days).');
  }

  const host = blank(e.HOST);
  let listen: string[];
  if (host) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare) === 0 && bare !== 'localhost') throw new ConfigError(`HOST must be an IP address to listen on (e.g. 127.0.0.1, 0.0.0.0 or ::), or localhost.`);
    if (mode === 'local' && !isLoopback(bare)) {
      throw new ConfigError(`HOST=${bare} listens beyond this computer, which needs sign-in (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, FLOWDESK_PUBLIC_URL, FLOWDESK_SESSION_SECRET) or FLOWDESK_ALLOW_ANONYMOUS=true.`);
    }
    listen = bare === 'localhost' ? ['127.0.0.1', '::1'] : [bare];
  } else {
    listen = mode === 'local' ? ['127.0.0.1', '::1'] : ['::'];
  }

  const accountIds = config.accounts.map((a) => a.id);
  const access = parseAccess(config.access, accountIds, env.FLOWDESK_CONFIG ? `${env.FLOWDESK_CONFIG.trim()}: access` : 'access');
  if (mode === 'oidc' && config.access === undefined) {
    warnings.push('Sign-in is configured but the accounts file has no "access" section: signed-in users see no account until rules are added.');
  }
  if (mode !== 'oidc' && config.access !== undefined) {
    warnings.push(`The accounts file's "access" rules apply only with sign-in (OIDC_ISSUER_URL…); in ${mode} mode everyone who can open Flow Desk sees every account.`);
  }
  if (mode === 'anonymous') warnings.push('FLOWDESK_ALLOW_ANONYMOUS=true: anyone who can reach this server uses its provider keys, without signing in.');

  return { mode, oidc, publicUrl, sessionSecret, sessionHours, listen, trustProxy: e.FLOWDESK_TRUST_PROXY, access, warnings };
}
