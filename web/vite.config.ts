import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { preloadHomePage } from './build/preload-home-page';

/**
 * In development, `/t/<slug>/…` opens the complainants' pages (public.html), as the server
 * does in production; every other page path is the console's.
 */
const publicPagesInDev: Plugin = {
  name: 'redress-public-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/t(\/|$|\?|#)/.test(req.url)) req.url = '/public.html';
      next();
    });
  },
};

/**
 * react-router's package exports name only its development build, whose dev warnings stay on
 * in production (remix-run/react-router#14102); a build takes its production build instead.
 */
const reactRouterProduction = path.join(
  path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist/production/index.mjs',
);

// The staff console (index.html). The complainants' pages (public.html) are built by
// vite.public.config.ts into the same folder, as a build of their own so that nothing of the
// console (nor the SDK operations only it uses) is bundled with them.
// `npm run dev -w web` serves both with hot reload and sends the API to a server on :4000.
export default defineConfig(({ command }) => ({
  resolve: { alias: command === 'build' ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : [] },
  plugins: [
    react(),
    publicPagesInDev,
    preloadHomePage(['src/app/Frame.tsx', 'src/pages/queue/QueuePage.tsx', 'client-sdk/dist/socket-transport.js']),
  ],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/reports': 'http://127.0.0.1:4000',
      '/files': 'http://127.0.0.1:4000',
    },
  },
}));
