// Builds the `warroom` CLI (and the hub it runs) into packages/cli/dist: plain ESM for plain `node`, every
// dependency bundled, one chunk per command (so `warroom post` loads neither socket.io nor prom-client).
// The desktop packages ship the same files (resources/cli), and the npm package @war-room/cli is that folder.
// `node scripts/build-cli.mjs DIR` builds a complete package folder elsewhere (tests build their own copy).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageDirsOf, writeNotices } from './licence-notices.mjs';

const source = 'packages/cli';

/**
 * The linter's part-of-speech tagger (compromise) builds its lexicon when it is loaded: two thirds of a
 * `warroom post`'s start-up, for a tagger only a draft's review asks for. In the bundle it is required on the
 * first sentence tagged instead (esbuild evaluates a required CommonJS module then, not at start).
 */
const lazyTagger = {
  name: 'lazy-tagger',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]comms[\\/]linter[\\/]nlp\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = "import nlp from 'compromise/two';";
      if (!text.includes(eager)) throw new Error(`${args.path} no longer imports compromise as the CLI build expects`);
      const lazy = "const nlp = (text: string) => (require('compromise/two') as typeof import('compromise/two').default)(text);";
      return { contents: text.replace(eager, lazy), loader: 'ts' };
    });
  },
};
// One version for the app and the CLI: a release bumps both (the release workflow sets them from the tag).
const version = JSON.parse(await readFile('package.json', 'utf8')).version;
const cliVersion = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')).version;
if (version !== cliVersion) throw new Error(`package.json is ${version} but ${source}/package.json is ${cliVersion}: make them the same`);
const target = process.argv[2] ?? source;
const outdir = join(target, 'dist');
await rm(outdir, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: { cli: 'main/cli-main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The licences travel whole in THIRD-PARTY-NOTICES.txt instead of as comments scattered over chunks.
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // ws loads these native speed-ups when present and does without them otherwise; electron is never used here.
  external: ['bufferutil', 'utf-8-validate', 'electron'],
  // Bundled CommonJS (socket.io, ws) calls require() for Node's own modules: give ESM one.
  banner: {
    js: "import { createRequire as __wrCreateRequire } from 'node:module'; const require = __wrCreateRequire(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"', __WARROOM_VERSION__: JSON.stringify(version) },
  plugins: [lazyTagger],
});
// npm's `warroom` is this two-line script; the bundle itself has no #! line, since the desktop packages run it
// with the app's own runtime, never with a `node` from the PATH.
await writeFile(join(outdir, 'warroom.mjs'), "#!/usr/bin/env node\n// `warroom`, run by Node.js 20.19 or later.\nimport './cli.mjs';\n");
await mkdir(target, { recursive: true });
await copyFile('LICENSE', join(target, 'LICENSE'));
writeNotices(
  join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  `warroom ${version} (@war-room/cli) is MIT-licensed (see LICENSE). Its bundle, dist/cli.mjs and dist/chunks/,`,
  packageDirsOf(Object.keys(metafile.inputs)),
);
// Shell completion, made by the bundle itself: the .deb installs these where bash and zsh look.
await mkdir(join(outdir, 'completion'), { recursive: true });
for (const [shell, file] of [
  ['bash', 'warroom.bash'],
  ['zsh', '_warroom'],
]) {
  await writeFile(join(outdir, 'completion', file), execFileSync(process.execPath, [join(outdir, 'warroom.mjs'), 'completion', shell]));
}
if (resolve(target) !== resolve(source)) {
  for (const f of ['package.json', 'README.md']) await copyFile(join(source, f), join(target, f));
}
