import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { flowDeskProxyPlugin } from './server/vite-plugin.ts';

/**
 * Marks the chunks whose functions nearly all run as soon as they load with V8's per-file compile
 * hint (`//# allFunctionsCalledOnLoad`, Chromium 136 and later): the browser then compiles them on
 * the thread that streams the script, instead of each function on the main thread the first time
 * it runs. The detail page's chunk is one (its parts all draw as the page opens): its screens' code
 * first ran, and was compiled, in the task that draws the map and the first screen of a flow.
 */
function compileHints(chunkNames: RegExp): Plugin {
  return {
    name: 'flow-desk-compile-hints',
    apply: 'build',
    // After the files are written: the minifier drops comments from the code it is given.
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunkNames.test(chunk.name)) continue;
        const file = join(options.dir ?? 'dist', chunk.fileName);
        writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, 'utf8')}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), flowDeskProxyPlugin(), compileHints(/^FlowDetailPage$/)],
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
