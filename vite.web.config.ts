import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser view (web/): the same window as the app (renderer/), with its own entry, built to dist/web-view,
// which the hub serves at /view/ for viewer links opened in a browser.
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/web-view',
    emptyOutDir: true,
    // No inline scripts or eval: the CSP forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Phones and laptops of people who never installed the app: browsers from the last few years.
    target: ['chrome111', 'firefox115', 'safari16.4', 'edge111'],
    chunkSizeWarningLimit: 2048,
  },
});
