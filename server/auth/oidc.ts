/**
 * OpenID Connect with `openid-client` (certified): discovery, the authorization code flow with
 * PKCE, ID token and UserInfo checks, and RP-initiated logout. Token handling is the library's;
 * this file only turns claims into a `SessionUser`.
 */
import * as client from 'openid-client';
import type { OidcSettings } from './settings';
import type { SessionUser } from './sessions';
import { isLoopback } from './settings';

export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClient {
  /** Discovery at `<issuer>/.well-known/openid-configuration`; rejects with a message naming OIDC_ISSUER_URL. */
  ready(): Promise<void>;
  /** Fresh checks and the identity provider's address to send the browser to. */
  startLogin(redirectUri: string): Promise<{ checks: LoginChecks; url: URL }>;
  /** Redeems the callback's code (`callbackUrl` as the identity provider called it) and reads who signed in. */
  finishLogin(callbackUrl: URL, checks: LoginChecks): Promise<{ user: SessionUser; idToken: string | null }>;
  /** The identity provider's logout address, when it has one. */
  endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<URL | null>;
}

/** A claim by name, or by a dotted path into nested objects (Keycloak's `realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The groups claim as strings: an array, or one string. */
export function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const value = claimAt(claims, claim);
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The user from ID token and UserInfo claims: email only when not said to be unverified. */
export function userFromClaims(claims: Record<string, unknown>, groupsClaim: string): SessionUser {
  const email = typeof claims.email === 'string' && claims.email_verified !== false && claims.email_verified !== 'false' ? claims.email.trim().toLowerCase() : null;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
  return { id: String(claims.sub), email, name, groups: groupsFrom(claims, groupsClaim) };
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(settings.issuerUrl, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
        // http is accepted only for an identity provider on loopback (checked at start-up): tests and local trials.
        execute: settings.issuerUrl.protocol === 'http:' && isLoopback(settings.issuerUrl.hostname) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = null;
        throw new Error(`OIDC_ISSUER_URL: discovery at ${new URL('.well-known/openid-configuration', settings.issuerUrl.href.endsWith('/') ? settings.issuerUrl : `${settings.issuerUrl.href}/`).href} failed (${error instanceof Error ? error.message : 'unknown error'}).`);
      });
    return discovered;
  };

  return {
    ready: async () => {
      await configuration();
    },
    async startLogin(redirectUri) {
      const config = await configuration();
      const checks: LoginChecks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { checks, url };
    },
    async finishLogin(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('The identity provider returned no ID token.');
      let claims: Record<string, unknown> = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...claims, ...info, sub: idClaims.sub };
      }
      return { user: userFromClaims(claims, settings.groupsClaim), idToken: tokens.id_token ?? null };
    },
    async endSessionUrl(idToken, postLogoutRedirectUri) {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      const params: Record<string, string> = { client_id: settings.clientId, post_logout_redirect_uri: postLogoutRedirectUri };
      if (idToken) params.id_token_hint = idToken;
      return client.buildEndSessionUrl(config, params);
    },
  };
}
