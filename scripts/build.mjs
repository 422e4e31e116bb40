// Builds what the app runs: main (ESM) and preload (CommonJS: sandboxed preloads cannot be ESM) with esbuild,
// the renderer with vite, and the CLI (scripts/build-cli.mjs). Only dist/ goes into app.asar.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';

// Always a production bundle, even when called from a test runner that sets NODE_ENV=test (vitest does):
// Vite and React follow NODE_ENV, and a development React is several times slower.
process.env.NODE_ENV = 'production';
const only = process.argv[2];
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', packages: 'external' };

if (!only || only === 'main') {
  await rm('dist/main', { recursive: true, force: true });
  await build({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.js', format: 'esm' });
  await build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
  });
}
if (!only || only === 'cli') {
  // The CLI bundle also ships inside the desktop packages (resources/cli), so `warroom` works where the app is installed.
  await import('./build-cli.mjs');
}
if (!only || only === 'renderer') {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  // The browser view the hub serves for viewer links (web/).
  await viteBuild({ configFile: 'vite.web.config.ts', logLevel: 'warn', mode: 'production' });
}
