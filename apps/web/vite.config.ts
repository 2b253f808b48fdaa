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
    // Rolldown splits the code along its dynamic imports: the sign-in page (src/boot) loads React, the
    // part of MUI it draws and the catalogues, and react-admin with every page comes after sign-in
    // (src/App.tsx, src/lazy.ts). Only React has a chunk of its own, the same in every release.
    // tools/check-web-bundle.mjs keeps the sign-in page under 250 kB of compressed JavaScript.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 }],
        },
      },
    },
  },
});
