// Builds what the app runs: main (ESM) and preload (CommonJS: sandboxed preloads cannot be ESM) with esbuild,
// the renderer with vite, and the CLI (scripts/build-cli.mjs). Only dist/ goes into app.asar, with
// dist/THIRD-PARTY-NOTICES.txt: the licence of every package bundled into it or installed beside it.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { packageDirsOf, productionPackageDirs, writeNotices } from './licence-notices.mjs';

// Always a production bundle, even when called from a test runner that sets NODE_ENV=test (vitest does):
// Vite and React follow NODE_ENV, and a development React is several times slower.
process.env.NODE_ENV = 'production';
const only = process.argv[2];
const { version } = JSON.parse(await readFile('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
  define: { __WARROOM_VERSION__: JSON.stringify(version) },
};
const bundled = [];

if (!only || only === 'main') {
  await rm('dist/main', { recursive: true, force: true });
  // Production dependencies stay beside the bundle in app.asar; a package only main needs and that is big
  // installed (nodemailer ships CommonJS and ESM copies) is a dev dependency bundled here instead.
  const { dependencies } = JSON.parse(await readFile('package.json', 'utf8'));
  const main = await build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.js',
    format: 'esm',
    packages: undefined,
    external: [...Object.keys(dependencies), 'electron', 'bufferutil', 'utf-8-validate'],
    // The map still names every file and line for stack traces; the sources themselves are in the repository.
    sourcesContent: false,
    metafile: true,
  });
  bundled.push(...Object.keys(main.metafile.inputs));
  const preload = await build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
    metafile: true,
  });
  bundled.push(...Object.keys(preload.metafile.inputs));
}
if (!only || only === 'cli') {
  // The CLI bundle also ships inside the desktop packages (resources/cli), so `warroom` works where the app is
  // installed. A process of its own: build-cli.mjs takes an output folder as its argument, and ours is not one.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
if (!only || only === 'renderer') {
  const output = await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  // The browser view the hub serves for viewer links (web/): the same window, so the same packages.
  const web = await viteBuild({ configFile: 'vite.web.config.ts', logLevel: 'warn', mode: 'production' });
  for (const o of [output, web].flat()) for (const chunk of o.output ?? []) bundled.push(...(chunk.moduleIds ?? []));
}
if (!only) {
  writeNotices(
    'dist/THIRD-PARTY-NOTICES.txt',
    `War Room ${version} is MIT-licensed. Its app (resources/app.asar: the renderer and preload bundles, and the packages installed beside them)`,
    [...packageDirsOf(bundled), ...productionPackageDirs()],
  );
}
