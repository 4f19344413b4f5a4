import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { flowDeskProxyPlugin } from './server/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), flowDeskProxyPlugin()],
  // The manifest names each page's chunks, which the server announces in a page's HTML (server/page-preloads.ts).
  build: { target: 'es2022', sourcemap: false, manifest: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    css: false,
    testTimeout: 15000,
    // The embedded database takes seconds to start on a busy machine.
    hookTimeout: 60000,
  },
});
