import { defineConfig, devices } from '@playwright/test';

/** Ports of the production servers the e2e tests run against (built app + proxy + simulator). */
export const E2E_PORTS = { simulator: 4310, faults: 4311 } as const;

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
  ],
});
