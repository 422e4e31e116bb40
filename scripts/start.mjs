// `npm start`: make sure Electron is installed (it downloads its binary on first use since Electron 42), build,
// then launch the app. When the download fails, one line says why and how to fix it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = require('electron/package.json');

/** What Electron's install.js checks before it downloads: its version file and the binary path.txt names. */
function installed() {
  try {
    const binary = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const got = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    return got === version && existsSync(join(electronDir, 'dist', binary));
  } catch {
    return false;
  }
}

function download() {
  console.log(`War Room: downloading Electron ${version} for ${process.platform}-${process.arch} (first start only)...`);
  const quiet = fileURLToPath(new URL('./electron-install-quiet.cjs', import.meta.url));
  const run = spawnSync(process.execPath, ['--require', quiet, join(electronDir, 'install.js')], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
  });
  if (run.status === 0 && installed()) return;
  const report = run.output?.[3]?.toString() ?? '';
  const reason = (report.split('\n').find((l) => l.trim()) ?? run.error?.message ?? `install.js exited with ${run.status}`)
    .trim()
    .replace(/^\w*Error: /, '');
  console.error(
    `War Room: could not download Electron ${version}: ${reason}. Fix: check the connection or proxy (HTTPS_PROXY), or set ELECTRON_MIRROR to a mirror you can reach, then run npm start again; the CLI works without Electron: npx warroom --help`,
  );
  process.exit(1);
}

if (!installed()) download();
const binary = require('electron');
// A process of its own: build.mjs reads its own arguments, and these are the app's.
const built = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
