// `warroom post` as a script calls it: a fresh process each time, the built bundle under plain node.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestOf, type BenchOptions, type BenchRow } from './table.js';

export async function benchCliStartup({ quick }: BenchOptions): Promise<BenchRow[]> {
  const RUNS = quick ? 3 : 10;
  const dir = await mkdtemp(join(tmpdir(), 'warroom-bench-cli-'));
  try {
    const pkg = join(dir, 'pkg');
    execFileSync(process.execPath, ['scripts/build-cli.mjs', pkg]);
    const cli = join(pkg, 'dist', 'warroom.mjs');
    const env = { PATH: process.env.PATH, HOME: dir, WARROOM_DATA_DIR: join(dir, 'data') };
    const run = (args: string[]) =>
      execFileSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
        .toString()
        .trim();
    const incident = run([cli, 'new', '--title', 'Checkout failing for EU customers']);
    // Warm the disk cache once so both sides read files from memory: "cold" is the process, not the disk.
    run([cli, 'post', '--incident', incident, '--kind', 'note', '--text', 'warm-up']);
    let i = 0;
    // Interleaved, so a busy moment on the machine hits both alike.
    const baselineTimes: number[] = [];
    const postTimes: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      baselineTimes.push(await bestOf(1, () => run(['-e', '0'])));
      postTimes.push(
        await bestOf(1, () => run([cli, 'post', '--incident', incident, '--kind', 'note', '--text', `replica lag reading ${i++}`])),
      );
    }
    const baseline = Math.min(...baselineTimes);
    const post = Math.min(...postTimes);
    const ratio = post / baseline;
    return [
      {
        what: 'CLI start-up (post, cold): a new process that writes one entry durably',
        figure: post,
        unit: 'ms',
        baseline: { what: '`node -e 0`', figure: baseline, unit: 'ms' },
        ratio,
        ratioLabel: 'slower',
        target: '<= 5x node -e 0',
        met: ratio <= 5,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
