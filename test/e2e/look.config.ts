import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// `npm run look`: the pictures of every view (views.look.ts), kept out of `npm run test:e2e`. Paths in a
// config are relative to the config's folder, so the server and the output are pointed back at the root.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.look.ts',
  outputDir: `${root}/test-results`,
  workers: 1,
  webServer: { ...(base.webServer as object), cwd: root } as typeof base.webServer,
});
