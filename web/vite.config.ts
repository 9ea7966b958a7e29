import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadHomePage } from './build/preload-home-page';

// `npm run dev -w web` serves the console with hot reload and sends the API to a server on :4000.
export default defineConfig({
  plugins: [react(), preloadHomePage(['src/app/Frame.tsx', 'src/pages/queue/QueuePage.tsx', 'client-sdk/dist/socket-transport.js'])],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/reports': 'http://127.0.0.1:4000',
    },
  },
});
