/** Who is using Flow Desk and in which mode (`/api/session`), and signing out: defined once. */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { ApiError, getJson } from './client';
import { SESSION_PATH } from './paths';
import { makeProblem } from '../model/flow';
import { REQUEST_HEADER } from '../model/request-header';

export const SessionInfoSchema = z.object({
  /** `oidc`: signed in; `local`: no sign-in, this computer only; `anonymous`: no sign-in, on a network. */
  mode: z.enum(['oidc', 'local', 'anonymous']),
  user: z.nullable(z.object({ name: z.nullable(z.string()), email: z.nullable(z.string()) })),
  admin: z.boolean(),
  /** Which accounts the user sees: all, some, or none yet. */
  access: z.enum(['all', 'some', 'none']),
  /** Whom to ask for access (admins' emails), when the user has none. */
  askWhom: z.array(z.string()),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const sessionKeys = { all: ['session'] as const };

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => getJson(SESSION_PATH, (b) => SessionInfoSchema.parse(b), signal),
    staleTime: 5 * 60_000,
  });

/** Where the browser goes to sign in and come back to `returnTo` (a path of this site). */
export const signInHref = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;

/** True for the server's "sign in first" answer (a provider's rejected key also answers 401, but names its provider). */
export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401 && error.problem.kind === 'unauthorized' && error.problem.provider === null;

/** Ends the session on the server; resolves to where the browser goes next (the identity provider's sign-out, or the signed-out page). */
export async function signOut(): Promise<string> {
  const response = await fetch('/auth/logout', { method: 'POST', headers: { ...REQUEST_HEADER, Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, makeProblem({ kind: 'internal', message: `Signing out failed (HTTP ${response.status}). Try again.` }));
  const body = z.object({ redirect: z.string() }).parse(await response.json());
  return body.redirect;
}
