import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain web app: built to static files that Electron loads from disk (and Playwright serves).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or eval: the CSP forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome130',
    // One bundle loaded from disk by a desktop app: its size costs no network round trips. The update linter's
    // language library (compromise, ~300 kB) took it past 1 MB; the warning is for pages fetched over a network.
    chunkSizeWarningLimit: 1600,
  },
});
