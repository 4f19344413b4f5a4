import type { Plugin } from 'vite';
import type * as AppModule from './app';

/** Mounts the Flow Desk proxy in the Vite dev server, so `npm run dev` talks to the same API as production. */
export function flowDeskProxyPlugin(): Plugin {
  return {
    name: 'flow-desk-proxy',
    apply: 'serve',
    configureServer(server) {
      if (process.env.VITEST) return;
      // Loaded through Vite so the config file does not bundle the whole server.
      const listener = server
        .ssrLoadModule('/server/app.ts')
        .then((mod) => (mod as typeof AppModule).createProxyListener());
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/') && !req.url?.startsWith('/auth/')) return next();
        listener.then((listen) => listen(req, res)).catch(next);
      });
    },
  };
}
