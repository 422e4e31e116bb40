// `npm run test:installed`: the CLI's integration tests again, against what users install instead of the source.
// Builds the bundle (npm run build:cli), packs @war-room/cli once, installs the tarball globally into an empty
// temp prefix with --offline (so it cannot lean on anything in this clone or on a registry), and runs every
// test file that drives the CLI through test/helpers/run-cli.ts or hub-process.ts with WARROOM_TEST_BIN set to
// the installed `warroom`. Exit status: vitest's.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `node scripts/test-installed-cli.mjs FILE...` runs only those (while working on one).
const HELPERS = /from '\.\.\/helpers\/(run-cli|hub-process)\.js'/;
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync('test/integration')
      .filter((f) => f.endsWith('.test.ts') && HELPERS.test(readFileSync(join('test/integration', f), 'utf8')))
      .map((f) => join('test/integration', f));

const dir = mkdtempSync(join(tmpdir(), 'warroom-installed-'));
try {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: 'packages/cli' }).toString());
  const tarball = join(dir, packed[0].filename);
  const prefix = join(dir, 'prefix');
  execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
    cwd: dir,
    stdio: 'ignore',
  });
  const bin = join(prefix, 'bin', 'warroom');
  console.log(`test:installed: ${packed[0].filename} installed into ${prefix}; ${files.length} test files against ${bin}`);
  const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files], {
    stdio: 'inherit',
    env: { ...process.env, WARROOM_TEST_BIN: bin, WARROOM_TEST_TARBALL: tarball },
  });
  process.exitCode = vitest.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
