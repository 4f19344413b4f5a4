import { defineConfig, devices } from '@playwright/test';

/** Ports of the production servers the e2e tests run against (built app + proxy + simulator). */
export const E2E_PORTS = { simulator: 4310, faults: 4311, keyed: 4312, fakeUpstream: 4320 } as const;

/** Recognisable fake keys for the keyed server: tests assert they never reach the browser. */
export const E2E_KEYS = { eightByEight: 'e2e-8x8-key-Zq81LmV0', kaleyra: 'e2e-kaleyra-key-Pw47Tx2C' } as const;
const FAKE_UPSTREAM = `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`;

const server = (port: number, env: Record<string, string> = {}) => ({
  command: 'npx tsx server/main.ts',
  url: `http://127.0.0.1:${port}/api/channels`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { PORT: String(port), EIGHTXEIGHT_API_KEY: '', KALEYRA_API_KEY: '', ...env },
});

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
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
    // A stand-in for the providers' real APIs on another host, and a server with keys pointed at it.
    {
      command: 'node --import tsx server/testing/serve-child.ts fake',
      url: `${FAKE_UPSTREAM}/__stats`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { FAKE_PORT: String(E2E_PORTS.fakeUpstream), FAKE_8X8_KEY: E2E_KEYS.eightByEight, FAKE_KALEYRA_KEY: E2E_KEYS.kaleyra },
    },
    server(E2E_PORTS.keyed, {
      EIGHTXEIGHT_API_KEY: E2E_KEYS.eightByEight,
      EIGHTXEIGHT_BASE_URL: FAKE_UPSTREAM,
      EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
      EIGHTXEIGHT_CHANNEL_IDS: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
      KALEYRA_API_KEY: E2E_KEYS.kaleyra,
      KALEYRA_BASE_URL: FAKE_UPSTREAM,
      KALEYRA_SID: 'HXAP16XXXXXX97IN',
      KALEYRA_WABA_IDS: '295XXXXXXXXXXXX',
      FLOW_ASSET_HOSTS: `127.0.0.1:${E2E_PORTS.fakeUpstream}`,
    }),
  ],
});
