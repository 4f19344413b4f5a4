/**
 * Signing in over HTTP without a browser, for server tests: follows Flow Desk's redirect to the
 * test identity provider, types the user name there, and comes back through the callback,
 * keeping each side's cookies. Returns Flow Desk's cookies and where the callback sent the user.
 */

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** One request with this jar's cookies, not following redirects. */
export async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.header()) headers.set('cookie', jar.header());
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(response);
  return response;
}

export interface SignedIn {
  jar: CookieJar;
  /** Where Flow Desk sent the browser after the callback. */
  landedAt: string;
  /** The callback's Set-Cookie line of the session cookie. */
  sessionCookie: string | undefined;
}

/** Signs `login` in at the app, starting from `start` (a page or /auth/login). */
export async function signIn(appUrl: string, login: string, start = '/auth/login'): Promise<SignedIn> {
  const app = new CookieJar();
  const idp = new CookieJar();
  let url = new URL(start, appUrl).href;
  let response = await send(app, url, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } });
  for (let hop = 0; hop < 12; hop++) {
    if (response.status < 300 || response.status >= 400) break;
    url = new URL(response.headers.get('location')!, url).href;
    const onApp = url.startsWith(appUrl);
    if (!onApp && /\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
      // The sign-in page: type the user name.
      const page = await send(idp, url);
      if (page.status !== 200) throw new Error(`The identity provider's sign-in page answered ${page.status}.`);
      response = await send(idp, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login }).toString() });
      continue;
    }
    if (onApp && new URL(url).pathname === '/auth/callback') {
      response = await send(app, url);
      if (response.status !== 303) throw new Error(`The callback answered ${response.status}: ${await response.text()}`);
      const sessionCookie = response.headers.getSetCookie().find((c) => /^(__Host-)?flowdesk_session=/.test(c));
      return { jar: app, landedAt: response.headers.get('location')!, sessionCookie };
    }
    response = await send(onApp ? app : idp, url);
  }
  throw new Error(`Sign-in of ${login} did not reach the callback (last: HTTP ${response.status} at ${url}).`);
}
