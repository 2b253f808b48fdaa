import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiPort = process.env.LANTERN_API_PORT ?? '3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The shared libs are consumed from source: Vite resolves their NodeNext-style `./x.js` imports to `.ts`.
    alias: {
      '@lantern/contracts': `${repoRoot}libs/contracts/src/index.ts`,
      '@lantern/permissions': `${repoRoot}libs/permissions/src/index.ts`,
    },
  },
  server: {
    port: 4200,
    strictPort: true,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
  preview: { port: 4300 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // react-admin plus MUI is one large dependency; it is split into stable vendor chunks that browsers
    // cache across releases, and every resource page is lazy-loaded (see src/lazy.ts).
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
            {
              name: 'mui',
              test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis|@babel[\\/]runtime)[\\/]/,
              priority: 30,
            },
            {
              name: 'react-admin',
              test: /node_modules[\\/](react-admin|ra-[a-z0-9-]+|react-router|react-router-dom|@tanstack|react-hook-form|lodash|query-string|date-fns|inflection|node-polyglot|react-error-boundary|react-dropzone|react-hotkeys-hook)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
