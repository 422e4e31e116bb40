import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const require = createRequire(import.meta.url);

describe('packaging (electron-builder --linux dir, offline, with a stand-in Electron)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let files: string[];

  beforeAll(async () => {
    dir = await tempDir('warroom-pack-');
    const electronDist = join(dir.path, 'electron');
    await mkdir(electronDist);
    // The stand-in carries a fuse wire as a real Electron binary does (sentinel, version 1, 8 fuses, all
    // enabled), so the afterPack hook has fuses to flip and this test can read them back.
    await writeFile(join(electronDist, 'electron'), `#!/bin/sh\necho stand-in\nexit 0\n# ${FUSE_SENTINEL}\u0001\u000811111111\n`);
    await chmod(join(electronDist, 'electron'), 0o755);
    await run(process.execPath, ['scripts/build.mjs'], { env: { ...process.env } });
    const builder = require.resolve('electron-builder/cli.js');
    await run(process.execPath, [builder, '--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(dir.path, 'out')}`], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const asar = require('@electron/asar') as { listPackage(path: string, o: object): string[] };
    files = asar.listPackage(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app.asar'), {});
  }, 180_000);
  afterAll(() => dir?.cleanup());

  it('puts the built main, preload and renderer into app.asar', () => {
    expect(files).toContain('/dist/main/index.js');
    expect(files).toContain('/dist/main/preload.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(files).toContain('/node_modules/socket.io/package.json');
  });

  it('ships with Electron fuses set: no run-as-node, NODE_OPTIONS or inspect; asar integrity and asar-only on', async () => {
    const fuses = require('@electron/fuses') as typeof import('@electron/fuses');
    const wire = await fuses.getCurrentFuseWire(join(dir.path, 'out', 'linux-unpacked', 'war-room'));
    const F = fuses.FuseV1Options;
    // FuseState is not exported: '0' and '1' as bytes.
    const S = { DISABLE: 48, ENABLE: 49 };
    expect(wire[F.RunAsNode]).toBe(S.DISABLE);
    expect(wire[F.EnableNodeOptionsEnvironmentVariable]).toBe(S.DISABLE);
    expect(wire[F.EnableNodeCliInspectArguments]).toBe(S.DISABLE);
    expect(wire[F.EnableEmbeddedAsarIntegrityValidation]).toBe(S.ENABLE);
    expect(wire[F.OnlyLoadAppFromAsar]).toBe(S.ENABLE);
  });

  it('leaves sources, tests, maps and dev tooling out', () => {
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    expect(own.filter((f) => /^\/(src|main|renderer|test|scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'react', 'typescript', '@playwright']) {
      expect(files).not.toContain(`/node_modules/${dev}`);
    }
  });
});
