import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The complainants' pages (public.html → src/public/), built after the console into the same
// dist/ (the server answers `/t/<slug>/…` with public.html): React, the few SDK operations they
// use and their own code, nothing of the console.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: { input: { public: fileURLToPath(new URL('public.html', import.meta.url)) } },
  },
});
