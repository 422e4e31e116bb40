import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingTool } from '../helpers/system-tool.js';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const require = createRequire(import.meta.url);

// The packaged app's binary is a copy of this machine's `node` carrying Electron's fuse wire (sentinel, version 1,
// 8 fuses, all on), so the afterPack hook has fuses to flip and this test can read them back. As a stand-in for
// Electron it is faithful where `warroom` needs it: with ELECTRON_RUN_AS_NODE=1 Electron *is* Node.js.
async function standInElectron(dir: string): Promise<void> {
  await mkdir(dir);
  await writeFile(
    join(dir, 'electron'),
    Buffer.concat([await readFile(process.execPath), Buffer.from(`${FUSE_SENTINEL}\u0001\u000811111111`)]),
  );
  await chmod(join(dir, 'electron'), 0o755);
}

describe('packaging (npm run dist: electron-builder.yml, --linux deb dir, offline, with a stand-in Electron)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let files: string[];
  let deb: string;
  let debFiles: string[];
  let extracted: string;
  let control: string;

  beforeAll(async () => {
    dir = await tempDir('warroom-pack-');
    const electronDist = join(dir.path, 'electron');
    await standInElectron(electronDist);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CUSTOM_FPM_PATH: join(process.cwd(), 'scripts', 'fpm-dpkg.mjs'),
    };
    delete env.WARROOM_UPDATE_URL;
    // The deb target runs fpm, which electron-builder downloads (a Ruby build, from GitHub) on first use: out
    // of reach here, and Debian packages no fpm. CUSTOM_FPM_PATH hands it a dpkg-deb based stand-in instead.
    // gzip rather than xz: the same package, packed in a fraction of the time.
    await run(
      process.execPath,
      [
        'scripts/dist.mjs',
        '--linux',
        'deb',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${join(dir.path, 'out')}`,
        '-c.deb.compression=gz',
      ],
      { env, maxBuffer: 16 * 1024 * 1024 },
    );
    const debName = (await readdir(join(dir.path, 'out'))).find((f) => f.endsWith('.deb'));
    if (!debName) throw new Error('no .deb was built');
    deb = join(dir.path, 'out', debName);
    debFiles = (await run('dpkg-deb', ['-c', deb], { maxBuffer: 16 * 1024 * 1024 })).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^(\S+\s+){5}/, '').replace(/ -> .*$/, ''));
    control = (await run('dpkg-deb', ['-f', deb])).stdout;
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
    expect(debFiles).toContain('./usr/bin/warroom');
    expect((await stat(join(extracted, 'usr/bin/warroom'))).mode & 0o111).not.toBe(0);
    expect(debFiles).toContain('./usr/share/bash-completion/completions/warroom');
    expect(debFiles).toContain('./usr/share/zsh/vendor-completions/_warroom');
  });

  it('its control file: a real section, a short synopsis, an extended description, and dependencies without Node.js', () => {
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(control)?.[1];
    expect(field('Section')).toBe('utils');
    expect(field('Description')!.length).toBeLessThan(80);
    // The extended description: continuation lines, each starting with a space.
    const extended = control
      .slice(control.indexOf('\nDescription:') + 1)
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith(' '));
    expect(extended.join(' ')).toMatch(/warroom command/);
    const depends = field('Depends')!.split(', ');
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1', 'libasound2', 'xdg-utils', 'libsecret-1-0']));
    expect(depends.some((d) => /node/.test(d))).toBe(false);
    expect(field('Recommends')).toMatch(/appindicator/);
  });

  it('ships a Debian copyright file and the licence notices of every bundled package', async () => {
    const copyright = await readFile(join(extracted, 'usr/share/doc/war-room/copyright'), 'utf8');
    expect(copyright).toMatch(/^Format: https:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/$/m);
    expect(copyright).toMatch(/^License: Expat$/m);
    expect(files).toContain('/dist/THIRD-PARTY-NOTICES.txt');
    const asar = require('@electron/asar') as { extractFile(archive: string, file: string): Buffer };
    const notices = asar
      .extractFile(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app.asar'), 'dist/THIRD-PARTY-NOTICES.txt')
      .toString();
    // The renderer's bundled packages (gone from node_modules, so only here) and the installed ones.
    for (const name of ['react', 'react-dom', 'zustand', 'date-fns', 'yjs', 'zod', 'socket.io', 'electron-updater'])
      expect(notices).toMatch(new RegExp(`^  ${name.replace('.', '\\.')} \\d`, 'm'));
    expect(notices).toContain('Permission is hereby granted');
    const cliNotices = await readFile(join(extracted, 'opt/War Room/resources/cli/THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['zod', 'socket.io', 'ws', 'prom-client', 'pino'])
      expect(cliNotices).toMatch(new RegExp(`^  ${name.replace('.', '\\.')} \\d`, 'm'));
  });

  it("its /usr/bin/warroom runs --version and list on the app's own runtime, with no node on the PATH", async () => {
    // A PATH with the tools the wrapper uses and nothing else: no node anywhere on it.
    const tools = join(dir.path, 'tools');
    await mkdir(tools);
    await symlink('/usr/bin/readlink', join(tools, 'readlink'));
    const env = { PATH: tools, HOME: join(dir.path, 'home') };
    await expect(run('/bin/sh', ['-c', 'command -v node'], { env })).rejects.toThrow();
    const warroom = join(extracted, 'usr/bin/warroom');
    const version = await run(warroom, ['--version'], { env, cwd: dir.path });
    expect(version.stdout.trim()).toMatch(/^warroom \d+\.\d+\.\d+$/);
    const data = join(dir.path, 'data');
    const list = await run(warroom, ['list', '--json', '--data-dir', data], { env, cwd: dir.path });
    expect(JSON.parse(list.stdout)).toEqual([]);
    // Through a link too (as /usr/local/bin/warroom might be): it finds the app from where the script really is.
    await symlink(warroom, join(tools, 'warroom'));
    const made = await run('warroom', ['new', '--title', 'Checkout failing for EU customers', '--data-dir', data], { env, cwd: dir.path });
    expect(made.stdout.trim()).toMatch(/^inc_/);
    const listed = await run('warroom', ['list', '--data-dir', data], { env, cwd: dir.path });
    expect(listed.stdout).toContain('Checkout failing for EU customers');
  });

  it('keeps app.asar lean: what vite bundled does not ship again, and no update feed when none was given', async () => {
    expect(files.some((f) => f.startsWith('/node_modules/date-fns/'))).toBe(false);
    const size = (await stat(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app.asar'))).size;
    // 18 MiB, plus the browser view the app's hub serves for viewer links (dist/web-view, 1.2 MiB: the window again).
    expect(size).toBeLessThan(19.5 * 1024 * 1024);
    await expect(stat(join(dir.path, 'out', 'linux-unpacked', 'resources', 'app-update.yml'))).rejects.toThrow();
  });

  it('ships with Electron fuses set: run-as-node for the warroom command only on Linux; no NODE_OPTIONS or inspect; asar integrity and asar-only on', async () => {
    const fuses = require('@electron/fuses') as typeof import('@electron/fuses');
    const wire = await fuses.getCurrentFuseWire(join(dir.path, 'out', 'linux-unpacked', 'war-room'));
    const F = fuses.FuseV1Options;
    // FuseState is not exported: '0' and '1' as bytes.
    const S = { DISABLE: 48, ENABLE: 49 };
    expect(wire[F.RunAsNode]).toBe(S.ENABLE);
    expect(wire[F.EnableNodeOptionsEnvironmentVariable]).toBe(S.DISABLE);
    expect(wire[F.EnableNodeCliInspectArguments]).toBe(S.DISABLE);
    expect(wire[F.EnableEmbeddedAsarIntegrityValidation]).toBe(S.ENABLE);
    expect(wire[F.OnlyLoadAppFromAsar]).toBe(S.ENABLE);
    // Elsewhere the app cannot be borrowed to run arbitrary code: macOS and Windows keep run-as-node off.
    // @ts-expect-error: a plain .mjs build script, without type declarations.
    const { fusesFor } = (await import('../../scripts/after-pack-fuses.mjs')) as { fusesFor(p: string): Record<number, boolean> };
    expect(fusesFor('darwin')[F.RunAsNode]).toBe(false);
    expect(fusesFor('win32')[F.RunAsNode]).toBe(false);
    expect(fusesFor('linux')[F.RunAsNode]).toBe(true);
  });

  it('leaves sources, tests, maps and dev tooling out', () => {
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    expect(own.filter((f) => /^\/(src|main|renderer|test|scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'react', 'typescript', '@playwright', 'pino']) {
      expect(files).not.toContain(`/node_modules/${dev}`);
    }
  });

  it.skipIf(missingTool('lintian'))(
    'passes lintian with no errors but the ones listed, with why, in docs/PACKAGING.md',
    async () => {
      const result = await run('lintian', ['--tag-display-limit', '0', deb], { maxBuffer: 16 * 1024 * 1024 }).catch(
        (e: { stdout: string }) => e,
      );
      const errors = [
        ...new Set(
          result.stdout
            .split('\n')
            .filter((l) => l.startsWith('E: '))
            .map((l) => l.split(' ')[2]!),
        ),
      ].sort();
      const listed = [...(await readFile('docs/PACKAGING.md', 'utf8')).matchAll(/^\| `([a-z0-9-]+)` \| E \|/gm)].map((m) => m[1]!);
      expect(errors.filter((tag) => !listed.includes(tag))).toEqual([]);
      // It did run and judge this package (a lintian that failed to start would list nothing).
      expect(result.stdout).toMatch(/^E: war-room: dir-or-file-in-opt /m);
    },
    300_000,
  );
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
