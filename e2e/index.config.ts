/**
 * The index spec alone, without the shared web servers (it starts and restarts its own on ports
 * 4350–4351): `npx playwright test --config e2e/index.config.ts`.
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({ ...base, testDir: '.', testMatch: 'index.spec.ts', webServer: undefined });
