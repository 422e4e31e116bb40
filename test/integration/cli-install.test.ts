import { execFile } from 'node:child_process';
import { access, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/child.js';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

// A new user's install: the package as npm would publish it, installed globally into an empty prefix, run
// from a directory far from this clone, so nothing here (tsx, node_modules) can help it.
describe('npm pack -> npm install -g -> warroom', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let warroom: string;
  let env: NodeJS.ProcessEnv;
  const children: Child[] = [];

  beforeAll(async () => {
    dir = await tempDir('warroom-install-');
    const pkg = join(dir.path, 'pkg');
    await run(process.execPath, ['scripts/build-cli.mjs', pkg], { cwd: ROOT });
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir.path], { cwd: pkg });
    const tarball = join(dir.path, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
    const prefix = join(dir.path, 'prefix');
    // --offline: a package that needed anything from a registry (a dev dependency, tsx) fails here.
    await run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: dir.path });
    warroom = join(prefix, 'bin', 'warroom');
    env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: join(dir.path, 'home'), USER: 'ana' };
  }, 120_000);

  afterAll(async () => {
    for (const c of children) c.signal('SIGKILL');
    await dir?.cleanup();
  });

  it('ships only the bundle, README and LICENSE, with no dependencies to install', async () => {
    const installed = join(dir.path, 'prefix', 'lib', 'node_modules', '@war-room', 'cli');
    expect((await readdir(installed)).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    expect((await readdir(join(installed, 'dist'))).sort()).toEqual([
      'THIRD-PARTY-NOTICES.txt',
      'chunks',
      'cli.mjs',
      'completion',
      'warroom.mjs',
    ]);
    await expect(access(join(installed, 'node_modules'))).rejects.toThrow();
    expect((await stat(warroom)).isFile() || (await stat(warroom)).isSymbolicLink()).toBe(true);
  });

  it('carries the licence notice of every package bundled into it', async () => {
    const notices = await readFile(
      join(dir.path, 'prefix', 'lib', 'node_modules', '@war-room', 'cli', 'dist', 'THIRD-PARTY-NOTICES.txt'),
      'utf8',
    );
    for (const [name, licence] of <[string, string][]>[
      ['zod', 'MIT'],
      ['socket.io', 'MIT'],
      ['socket.io-client', 'MIT'],
      ['ws', 'MIT'],
      ['prom-client', 'Apache-2.0'],
      ['pino', 'MIT'],
      ['selfsigned', 'MIT'],
    ]) {
      expect(notices).toMatch(new RegExp(`^  ${name.replace('.', '\\.')} [\\d.]+ \\(${licence}\\)$`, 'm'));
    }
    // The licence texts themselves, not only the names: zod's copyright line, Apache's terms for prom-client.
    expect(notices).toMatch(/Copyright \(c\) \d{4}.*Colin McDonnell/);
    expect(notices).toContain('Apache License');
  });

  it('warroom --help lists the commands', async () => {
    const { stdout } = await run(warroom, ['--help'], { cwd: dir.path, env });
    expect(stdout).toContain('Usage: warroom <command>');
    for (const c of ['new', 'post', 'hub', 'invite', 'join']) expect(stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('warroom lint-update reads the structure of a sentence: the tagger the bundle loads on first use works', async () => {
    // No denial word list names this sentence: only its parts of speech (compromise, required lazily) show it.
    const file = join(dir.path, 'update.txt');
    await writeFile(file, 'The Okta service has not been breached. Next update at 15:00 UTC.\n');
    const out = await run(warroom, ['lint-update', file, '--json'], { cwd: dir.path, env }).catch((e: { stdout: string }) => e);
    expect((JSON.parse(out.stdout) as { rule: string }[]).map((f) => f.rule)).toContain('denial');
  });

  it('warroom new opens an incident that warroom list then shows', async () => {
    const data = join(dir.path, 'data');
    const { stdout } = await run(
      warroom,
      ['new', '--title', 'Checkout failing for EU customers', '--severity', 'SEV1', '--data-dir', data],
      { cwd: dir.path, env },
    );
    const id = stdout.trim();
    expect(id).toMatch(/^inc_/);
    const posted = await run(
      warroom,
      [
        'post',
        '--incident',
        id,
        '--kind',
        'hypothesis',
        '--text',
        'primary database stalled while replicating to its replicas',
        '--data-dir',
        data,
      ],
      { cwd: dir.path, env },
    );
    expect(posted.stdout.trim()).toMatch(/^e_/);
    const list = await run(warroom, ['list', '--json', '--data-dir', data], { cwd: dir.path, env });
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id, title: 'Checkout failing for EU customers' })]);
  });

  it('warroom hub serves /healthz and stops on SIGTERM', async () => {
    const hub = startChild(warroom, ['hub', '--port', '0', '--data-dir', join(dir.path, 'hub')], { cwd: dir.path, env });
    children.push(hub);
    const m = await hub.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the hub to listen');
    const health = await fetch(`${m[1]}/healthz`);
    expect(health.status).toBe(200);
    hub.signal('SIGTERM');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(hub.stderr()).toContain('hub: stopped');
  });
});
