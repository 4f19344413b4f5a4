/**
 * A real OpenID Connect provider (`oidc-provider`, certified) on loopback, for tests: users in
 * different groups, a sign-in page where one types a user name (no password), consent given
 * automatically, PKCE required, RP-initiated logout with a plain confirmation page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface TestUser {
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

/** The users of the tests: one per kind of access in e2e/auth/accounts.yaml (alice is in group support-retail). */
export const TEST_USERS: Record<string, TestUser> = {
  alice: { email: 'alice@example.com', name: 'Alice Adams', groups: ['support-retail', 'staff'] },
  bob: { email: 'bob@example.com', name: 'Bob Brown', groups: ['staff'] },
  carol: { email: 'carol@example.com', name: 'Carol Clark', groups: ['staff'] },
  dave: { email: 'dave@example.com', name: 'Dave Dunn', groups: ['staff'] },
  // Claims carol's email, unverified: must not become an admin.
  mallory: { email: 'carol@example.com', name: 'Mallory', groups: [], emailVerified: false },
};

export const TEST_CLIENT = { clientId: 'flow-desk', clientSecret: 'test-client-secret-9f8e7d6c5b4a' } as const;

export interface TestIdentityProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
  /** How many times each user signed in at the provider. */
  logins: string[];
}

export interface TestIdentityProviderOptions {
  port?: number;
  /** The Flow Desk public URLs the client may come back to. */
  appUrls: string[];
  users?: Record<string, TestUser>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function htmlPage(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestIdentityProvider(options: TestIdentityProviderOptions): Promise<TestIdentityProvider> {
  const users = options.users ?? TEST_USERS;
  const logins: string[] = [];
  // The issuer needs the port before the provider exists: listen first, then attach.
  let provider: Provider | null = null;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      res.writeHead(500).end(error instanceof Error ? error.message : 'error');
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://idp');
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (interaction && provider) {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        return htmlPage(
          res,
          200,
          'Test identity provider: sign in',
          `<form method="post" action="/interaction/${escape(details.uid)}"><label for="login">User name</label> <input id="login" name="login" autocomplete="off" autofocus required> <button type="submit">Sign in</button></form><p>Users: ${Object.keys(users).map(escape).join(', ')}</p>`,
        );
      }
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      if (!users[login]) return htmlPage(res, 400, 'Unknown user', `<p><a href="/interaction/${escape(details.uid)}">Try again</a></p>`);
      logins.push(login);
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    handler!(req, res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: options.appUrls.map((u) => `${u}/auth/callback`),
        post_logout_redirect_uris: options.appUrls.map((u) => `${u}/auth/signed-out`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx: KoaContextWithOIDC, i: { uid: string }) => `/interaction/${i.uid}` },
    cookies: { keys: ['test-idp-cookie-key-1f2e3d4c5b6a'] },
    async findAccount(_ctx, sub) {
      const user = users[sub];
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: user.email, email_verified: user.emailVerified ?? true, name: user.name, groups: user.groups }),
      };
    },
    async loadExistingGrant(ctx) {
      // Consent is given at once: this provider stands for the company's own.
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };

  provider = new Provider(issuer, configuration);
  handler = provider.callback();

  return {
    issuer,
    port,
    logins,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The logout confirmation, plain (the default one loads a web font). */
async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><main><h1>Sign out of the test identity provider?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></main></body></html>`;
}
