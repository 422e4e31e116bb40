// `npm start`: build, then launch Electron, or say in one line why it cannot and how to fix it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    return require('electron');
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  console.error(
    'War Room: the Electron binary is not installed (it was skipped or could not be downloaded); fix: run `node node_modules/electron/install.js` on a machine with internet access, then `npm start` again. The CLI works without it: `npx warroom --help`.',
  );
  process.exit(1);
}

await import('./build.mjs');
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
