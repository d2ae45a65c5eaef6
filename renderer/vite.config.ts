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
    // One ~580 kB bundle (React, zod, the IANA port table) read from disk or loopback, never over
    // the internet: splitting it would only add round trips at start.
    chunkSizeWarningLimit: 800,
  },
});
