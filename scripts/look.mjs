// `npm run look -- DIR`: builds the renderer and draws every view and dialog into DIR (test/e2e/views.look.ts).
// Compare two such folders with `node scripts/compare-shots.mjs BEFORE AFTER`.
import { spawnSync } from 'node:child_process';

const out = process.argv[2] ?? 'test-results/look';
const step = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ['scripts/build.mjs', 'renderer']);
step('npx', ['playwright', 'test', '-c', 'test/e2e/look.config.ts'], { WARROOM_LOOK_DIR: out });
