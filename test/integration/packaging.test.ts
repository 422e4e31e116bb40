import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const require = createRequire(import.meta.url);

describe('packaging (electron-builder --linux deb dir, offline, with a stand-in Electron)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let files: string[];
  let deb: string;
  let debFiles: string[];
  let extracted: string;

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
    // The deb target runs fpm, which electron-builder downloads (a Ruby build, from GitHub) on first use: out
    // of reach here, and Debian packages no fpm. CUSTOM_FPM_PATH hands it a dpkg-deb based stand-in instead.
    await run(
      process.execPath,
      [builder, '--linux', 'deb', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(dir.path, 'out')}`],
      {
        env: {
          ...process.env,
          ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
          CUSTOM_FPM_PATH: join(process.cwd(), 'scripts', 'fpm-dpkg.mjs'),
          WARROOM_UPDATE_URL: '',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const debName = (await readdir(join(dir.path, 'out'))).find((f) => f.endsWith('.deb'));
    if (!debName) throw new Error('no .deb was built');
    deb = join(dir.path, 'out', debName);
    debFiles = (await run('dpkg-deb', ['-c', deb], { maxBuffer: 16 * 1024 * 1024 })).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^(\S+\s+){5}/, '').replace(/ -> .*$/, ''));
    extracted = join(dir.path, 'root');
    await run('dpkg-deb', ['-x', deb, extracted]);
    const asar = require('@electron/asar') as { listPackage(path: string, o: object): string[] };
    files = asar.listPackage(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app.asar'), {});
  }, 400_000);
  afterAll(() => dir?.cleanup());

  it('puts the built main, preload and renderer into app.asar', () => {
    expect(files).toContain('/dist/main/index.js');
    expect(files).toContain('/dist/main/preload.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(files).toContain('/node_modules/socket.io/package.json');
  });

  it('names the .deb without spaces and puts in the app, its icons, a .desktop for warroom:// links and the warroom command', async () => {
    expect(deb).toMatch(/\/war-room-0\.\d+\.\d+-linux-amd64\.deb$/);
    expect(debFiles).toContain('./opt/War Room/resources/app.asar');
    expect(debFiles).toContain('./opt/War Room/war-room');
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(debFiles).toContain(`./usr/share/icons/hicolor/${size}x${size}/apps/war-room.png`);
    const desktop = await readFile(join(extracted, 'usr/share/applications/war-room.desktop'), 'utf8');
    expect(desktop).toMatch(/^MimeType=.*x-scheme-handler\/warroom/m);
    expect(desktop).toMatch(/^Exec=.*war-room.* %U$/m);
    expect(desktop).toMatch(/^Icon=war-room$/m);

    // `warroom` on the PATH runs the bundled CLI with Node.js (the app's Electron cannot: its RunAsNode fuse is off).
    expect(debFiles).toContain('./usr/bin/warroom');
    expect((await stat(join(extracted, 'usr/bin/warroom'))).mode & 0o111).not.toBe(0);
    const wrapper = await readFile(join(extracted, 'usr/bin/warroom'), 'utf8');
    expect(wrapper).toContain('exec node "$CLI" "$@"');
    expect(wrapper).toContain('CLI="/opt/War Room/resources/cli/warroom.mjs"');
    expect(wrapper).not.toContain('ELECTRON_RUN_AS_NODE');
    const help = await run(process.execPath, [join(extracted, 'opt/War Room/resources/cli/warroom.mjs'), '--help'], { cwd: dir.path });
    expect(help.stdout).toContain('Usage: warroom <command>');
  });

  it('keeps app.asar lean: what vite bundled does not ship again, and no update feed when none was given', async () => {
    expect(files.some((f) => f.startsWith('/node_modules/date-fns/'))).toBe(false);
    const size = (await stat(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app.asar'))).size;
    expect(size).toBeLessThan(18 * 1024 * 1024);
    await expect(stat(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app-update.yml'))).rejects.toThrow();
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

interface GlueReport {
  errors: string[];
  readyReached?: boolean;
  handlers?: string[];
  window?: { options: { webPreferences: Record<string, unknown> }; loaded: string; loadedExists: boolean; preloadExists: boolean };
  appMenu?: string[];
  helpMenu?: string[];
  trayMenus?: (string[] | undefined)[];
  contextMenuListener?: number;
  exited?: boolean;
  calls?: string[];
  callArgs?: Record<string, number>;
}

// After the build above (same file, so no other test rebuilds dist/ meanwhile): the built main process,
// started under plain Node with a stand-in `electron` (test/helpers/electron-stand-in) that records calls.
describe('the Electron glue: dist/main/index.js under plain Node with a stand-in electron', () => {
  let report: GlueReport;
  let data: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    data = await tempDir('warroom-glue-');
    const { stdout } = await run(
      process.execPath,
      ['--import', './test/helpers/electron-stand-in/register.mjs', 'test/helpers/electron-stand-in/run-main.mjs', 'dist/main/index.js'],
      {
        env: { PATH: process.env.PATH, HOME: data.path, WARROOM_DATA_DIR: data.path },
        timeout: 60_000,
      },
    );
    report = JSON.parse(stdout.trim().split('\n').pop()!) as GlueReport;
  }, 90_000);
  afterAll(() => data?.cleanup());

  it('reaches ready and registers a handler for every invoke channel of the contract', async () => {
    const { INVOKE_SCHEMAS } = await import('../../src/ipc/contract.js');
    const channels = Object.keys(INVOKE_SCHEMAS);
    expect(channels.length).toBeGreaterThan(20);
    expect(report.errors).toEqual([]);
    expect(report.readyReached).toBe(true);
    for (const channel of channels) expect(report.handlers).toContain(channel);
    // The identity key is sealed with the OS keychain (safeStorage), never left in the clear beside the app.
    expect(report.calls).toContain('safeStorage.encryptString');
  });

  it('creates the window with the secure options and loads a renderer page and preload that exist', () => {
    expect(report.window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    });
    expect(report.window!.loaded).toMatch(/dist\/renderer\/index\.html$/);
    expect(report.window!.loadedExists).toBe(true);
    expect(report.window!.preloadExists).toBe(true);
    expect(report.calls).toEqual(
      expect.arrayContaining([
        'session.onHeadersReceived',
        'session.setPermissionRequestHandler',
        'app.requestSingleInstanceLock',
        'app.setAboutPanelOptions',
      ]),
    );
  });

  it('builds the menus (Help with About and links), the tray menu and the right-click menu', () => {
    expect(report.appMenu).toEqual(expect.arrayContaining(['&File', 'editMenu', '&View', 'help']));
    expect(report.helpMenu).toEqual(expect.arrayContaining(['War Room Documentation', 'Show Log File', 'About War Room']));
    expect(report.trayMenus?.[0]).toEqual(expect.arrayContaining(['Show War Room', 'New Incident…', 'Quit War Room']));
    expect(report.contextMenuListener).toBe(1);
  });

  it('reloads a crashed renderer, and quits cleanly on before-quit (tray gone, then the real quit)', () => {
    expect(report.callArgs!['webContents.reload']).toBe(1);
    expect(report.exited).toBe(true);
    const calls = report.calls!;
    expect(calls.filter((c) => c === 'app.quit')).toHaveLength(2);
    expect(calls.indexOf('Tray.destroy')).toBeGreaterThan(calls.indexOf('app.quit'));
  });
});
