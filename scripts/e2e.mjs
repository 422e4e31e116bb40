// `npm run test:e2e`: builds the renderer, then runs the Playwright specs in Debian's chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const specs = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('e2e: no specs in test/e2e yet');
  process.exit(0);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('e2e: /usr/bin/chromium is missing; fix: apt-get install -y chromium (never `npx playwright install` here)');
  process.exit(1);
}
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ['scripts/build.mjs', 'renderer']);
step('npx', ['playwright', 'test', ...process.argv.slice(2)]);
