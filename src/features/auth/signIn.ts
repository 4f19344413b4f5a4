/** Back to the identity provider when the session has ended, returning to the page the user is on. */
import { isSignedOut, signInHref } from '../../api/session';

const LAST_REDIRECT = 'flowdesk:sign-in-redirect';
/** A second "sign in first" this soon after a sign-in means sign-in itself is failing: stop, and show the error. */
const LOOP_MS = 15_000;

export function redirectToSignInOn(error: unknown, now = Date.now()): boolean {
  if (!isSignedOut(error)) return false;
  const last = Number(sessionStorage.getItem(LAST_REDIRECT) ?? 0);
  if (now - last < LOOP_MS) return false;
  sessionStorage.setItem(LAST_REDIRECT, String(now));
  window.location.assign(signInHref(`${window.location.pathname}${window.location.search}`));
  return true;
}
