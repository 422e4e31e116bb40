import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { zipStored } from '../helpers/zip-stored.js';

// A new user's first `npm start`, on a machine with no Electron yet: Electron 42+ downloads its binary on first
// use. Here the "internet" is a mirror on 127.0.0.1 serving a stand-in Electron zip and its SHASUMS256, the
// project is a copy (its own node_modules/electron, so the real tree is untouched), and HOME and the download
// cache start empty.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_VERSION = (JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
  .version;
const ZIP = `electron-v${ELECTRON_VERSION}-linux-x64.zip`;

/** The stand-in Electron: records where and with what it was started, then exits as the real one does when closed. */
const STAND_IN = `#!/bin/sh
{ pwd; printf '%s\\n' "$@"; } > "$WARROOM_STAND_IN_RECORD"
exit 0
`;

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('npm start on a fresh machine', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let project: string;
  let server: Server;
  let mirror: string;
  let refuse = false;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await tempDir('warroom-start-');
    project = join(dir.path, 'project');
    await mkdir(join(project, 'node_modules'), { recursive: true });
    const parts = [
      'main',
      'src',
      'renderer',
      'web',
      'scripts',
      'package.json',
      'package-lock.json',
      'vite.config.ts',
      'vite.web.config.ts',
      'tsconfig.json',
      'LICENSE',
      'packages/cli/package.json',
    ];
    for (const part of parts) await cp(join(ROOT, part), join(project, part), { recursive: true });
    // Every package as installed here, by link, except Electron: a copy of the package alone, without a binary.
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name === 'electron' || name.startsWith('.')) continue;
      await symlink(join(ROOT, 'node_modules', name), join(project, 'node_modules', name));
    }
    await cp(join(ROOT, 'node_modules/electron'), join(project, 'node_modules/electron'), {
      recursive: true,
      filter: (src) => !/\/electron\/(dist|path\.txt)$/.test(src),
    });

    const zip = zipStored([
      { name: 'electron', data: Buffer.from(STAND_IN), mode: 0o755 },
      { name: 'version', data: Buffer.from(ELECTRON_VERSION), mode: 0o644 },
    ]);
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${ZIP}\n`;
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (refuse) return res.writeHead(403).end('forbidden\n');
      if (req.url === `/v${ELECTRON_VERSION}/${ZIP}`) return res.writeHead(200, { 'content-length': zip.length }).end(zip);
      if (req.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) return res.writeHead(200).end(sums);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await dir?.cleanup();
  });

  async function npmStart(name: string): Promise<{ code: number | null; stdout: string; stderr: string; record: string }> {
    const home = join(dir.path, `home-${name}`);
    await mkdir(home);
    const record = join(dir.path, `record-${name}`);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      ELECTRON_MIRROR: mirror,
      electron_use_remote_checksums: '1',
      electron_config_cache: join(dir.path, `cache-${name}`),
      npm_config_update_notifier: 'false',
      WARROOM_STAND_IN_RECORD: record,
    };
    return new Promise((resolve) => {
      const child = spawn('npm', ['start'], { cwd: project, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', async (code) => resolve({ code, stdout, stderr, record: await readFile(record, 'utf8').catch(() => '') }));
    });
  }

  it('downloads the stand-in Electron from the mirror, unpacks it and launches it with the app', async () => {
    const run = await npmStart('first');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`War Room: downloading Electron ${ELECTRON_VERSION} for linux-x64 (first start only)...`);
    expect(requests).toContain(`/v${ELECTRON_VERSION}/${ZIP}`);
    expect(requests).toContain(`/v${ELECTRON_VERSION}/SHASUMS256.txt`);
    // Unpacked where Electron looks for it, executable.
    const binary = join(project, 'node_modules/electron/dist/electron');
    expect((await stat(binary)).mode & 0o111).not.toBe(0);
    expect(await readFile(join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    // Started in the project with ".": Electron then runs package.json's main, which the start built.
    expect(run.record.trim().split('\n')).toEqual([project, '.']);
    const main = (JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as { main: string }).main;
    expect((await stat(join(project, main))).isFile()).toBe(true);
  }, 180_000);

  it('when the mirror refuses: one line saying what failed and how to fix it, exit 1, nothing launched', async () => {
    await rm(join(project, 'node_modules/electron/dist'), { recursive: true, force: true });
    await rm(join(project, 'node_modules/electron/path.txt'), { force: true });
    refuse = true;
    const run = await npmStart('refused');
    expect(run.code).toBe(1);
    // npm adds its own "npm error ..." footer to any failed script; what the start script says is one line.
    const ours = run.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm error'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(
      new RegExp(
        `^War Room: could not download Electron ${ELECTRON_VERSION.replace(/\./g, '\\.')}: Response code 403 \\(Forbidden\\) for .*${ZIP}\\. Fix: .*ELECTRON_MIRROR`,
      ),
    );
    expect(run.record).toBe('');
  }, 120_000);
});
