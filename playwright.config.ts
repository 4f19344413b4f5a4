import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** Ports of the production servers the e2e tests run against (built app + proxy + simulator). */
export const E2E_PORTS = { simulator: 4310, faults: 4311, keyed: 4312, fakeUpstream: 4320 } as const;

/** Sign-in (e2e/auth.spec.ts): the app with sign-in, its test identity provider, and an app without sign-in on the network. */
export const AUTH_PORTS = { app: 4330, idp: 4331, anonymous: 4332 } as const;
const AUTH_APP = `http://127.0.0.1:${AUTH_PORTS.app}`;
const AUTH_IDP = `http://127.0.0.1:${AUTH_PORTS.idp}`;

/** Recognisable fake keys for the keyed server (one per account of e2e/accounts.yaml): tests assert they never reach the browser. */
export const E2E_KEYS = {
  E2E_RETAIL_EU_KEY: 'e2e-8x8-eu-key-Zq81LmV0',
  E2E_RETAIL_US_KEY: 'e2e-8x8-us-key-Jr52NcX9',
  E2E_KALEYRA_KEY: 'e2e-kaleyra-key-Pw47Tx2C',
  E2E_META_TOKEN: 'e2e-meta-token-Qy63Bd8K',
  E2E_D360_KEY: 'e2e-360-key-Hs29Wf4M',
  E2E_GUPSHUP_TOKEN: 'sk_e2e-gupshup-token-Vd58Kp3R',
  E2E_INFOBIP_KEY: 'e2e-infobip-key-Mc71Jt6Y',
  E2E_AWS_ACCESS_KEY_ID: 'AKIAE2EAWSKEY8TN4QX',
  E2E_AWS_SECRET_ACCESS_KEY: 'e2e-aws-secret-Vb71Ks/Lp+9Wd',
  E2E_AWS_SESSION_TOKEN: 'e2e-aws-session-Gx52Rm3J',
} as const;
const FAKE_UPSTREAM = `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`;
/** The accounts file of the keyed server, and of the fake upstream that stands in for their providers. */
const KEYED_ENV = { FLOWDESK_CONFIG: 'e2e/accounts.yaml', E2E_FAKE: FAKE_UPSTREAM, E2E_FAKE_HOST: `127.0.0.1:${E2E_PORTS.fakeUpstream}`, ...E2E_KEYS };

const server = (port: number, env: Record<string, string> = {}) => ({
  // The server as `npm start` runs it: the bundle `npm run build` made (test:e2e builds first).
  command: 'node dist-server/main.mjs',
  // The server listens while its database opens: the change feed answers once the index is open.
  url: `http://127.0.0.1:${port}/api/changes`,
  reuseExistingServer: false,
  timeout: 60_000,
  // Each server has its own fresh index; the background sync is off so the lists stay live and
  // the tests keep the providers' budgets to themselves.
  env: { PORT: String(port), EIGHTXEIGHT_API_KEY: '', KALEYRA_API_KEY: '', FLOWDESK_DATA_DIR: join(tmpdir(), `flowdesk-e2e-${port}-${process.pid}`), FLOWDESK_SYNC_INTERVAL_S: '0', ...env },
});

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  // One retry: a test that fails twice fails the run; one that passes on its retry is listed as flaky in the report.
  retries: 1,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.simulator}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    server(E2E_PORTS.simulator),
    server(E2E_PORTS.faults, { SIMULATOR_FAULTS: 'kaleyra=503', FLOW_JSON_TIMEOUT_MS: '2000' }),
    // A stand-in for the providers' real APIs on another host, and a server with an accounts file pointed at it.
    {
      command: 'node --import tsx server/testing/serve-child.ts fake',
      url: `${FAKE_UPSTREAM}/__stats`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { FAKE_PORT: String(E2E_PORTS.fakeUpstream), ...KEYED_ENV },
    },
    server(E2E_PORTS.keyed, KEYED_ENV),
    // A real OpenID Connect provider (oidc-provider), then the app signing in with it (e2e/auth/accounts.yaml has the access rules).
    {
      command: 'node --import tsx server/testing/serve-idp.ts',
      url: `${AUTH_IDP}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { IDP_PORT: String(AUTH_PORTS.idp), IDP_APP_URLS: AUTH_APP },
    },
    {
      ...server(AUTH_PORTS.app, {
        FLOWDESK_CONFIG: 'e2e/auth/accounts.yaml',
        OIDC_ISSUER_URL: AUTH_IDP,
        OIDC_CLIENT_ID: 'flow-desk',
        OIDC_CLIENT_SECRET: 'test-client-secret-9f8e7d6c5b4a',
        OIDC_SCOPES: 'openid email profile groups',
        FLOWDESK_PUBLIC_URL: AUTH_APP,
        FLOWDESK_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
      }),
      url: `${AUTH_APP}/auth/signed-out`,
    },
    // No sign-in, allowed beyond loopback: bound to 127.0.0.1 all the same, on a shared machine.
    server(AUTH_PORTS.anonymous, { FLOWDESK_ALLOW_ANONYMOUS: 'true', FLOWDESK_PUBLIC_URL: `http://127.0.0.1:${AUTH_PORTS.anonymous}`, HOST: '127.0.0.1' }),
  ],
});
