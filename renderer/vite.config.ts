// Vite build of the renderer into dist/renderer (served by app:// in Electron and by `serve`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or data: modules: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The first screen (React, the store, the wizard) is one entry chunk of ~100 KB gzip; every
    // other page and the IANA port table are chunks loaded when first used (scripts/initial-js.test.ts
    // holds the first screen to 120 KB gzip). The IANA chunk is the big one, by design.
    chunkSizeWarningLimit: 800,
  },
});
