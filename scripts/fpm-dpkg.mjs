#!/usr/bin/env node
// A stand-in for fpm's `-s dir -t deb`, built on dpkg-deb, for machines where electron-builder cannot
// download its fpm (it fetches a Ruby build of fpm from GitHub on first use; Debian packages no fpm, and the
// fpm gem comes from rubygems.org). Use: CUSTOM_FPM_PATH=scripts/fpm-dpkg.mjs electron-builder --linux deb.
// It takes the arguments electron-builder passes (FpmTarget.ts) and writes a real .deb with dpkg-deb.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const WITH_VALUE = new Set([
  '-s',
  '-t',
  '-d',
  '--deb-recommends',
  '--deb-compression',
  '--architecture',
  '--after-install',
  '--after-remove',
  '--description',
  '--version',
  '--package',
  '--name',
  '--maintainer',
  '--vendor',
  '--url',
  '--category',
  '--deb-priority',
  '--license',
  '--iteration',
  '--log',
]);
const opts = { depends: [], recommends: [] };
const mappings = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--force' || a === '--debug') continue;
  if (WITH_VALUE.has(a)) {
    const v = args[++i];
    if (a === '-d') opts.depends.push(v);
    else if (a === '--deb-recommends') opts.recommends.push(v);
    else opts[a.replace(/^-+/, '')] = v;
    continue;
  }
  if (a.startsWith('-')) fail(`unsupported option ${a}`);
  const eq = a.indexOf('=');
  if (eq < 0) fail(`expected SOURCE=DESTINATION, got ${a}`);
  mappings.push([a.slice(0, eq), a.slice(eq + 1)]);
}
if (opts.s !== 'dir' || opts.t !== 'deb') fail('only -s dir -t deb is supported');
if (!opts.package || !opts.name || !opts.version) fail('--package, --name and --version are required');

const root = mkdtempSync(join(tmpdir(), 'fpm-dpkg-'));
try {
  for (const [src, dst] of mappings) {
    const target = join(root, dst);
    if (src.endsWith('/') || statSync(src).isDirectory()) {
      mkdirSync(target, { recursive: true });
      cpSync(src, target, { recursive: true, verbatimSymlinks: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(src, target);
    }
  }
  const installedKb = Math.ceil(Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', root]).toString().split('\t')[0]));
  mkdirSync(join(root, 'DEBIAN'));
  const [summary, ...rest] = (opts.description ?? opts.name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l, i) => i > 0 || l !== '');
  const control = [
    `Package: ${opts.name}`,
    `Version: ${opts.version}${opts.iteration ? `-${opts.iteration}` : ''}`,
    `Architecture: ${opts.architecture ?? 'all'}`,
    `Maintainer: ${opts.maintainer ?? 'unknown'}`,
    `Installed-Size: ${installedKb}`,
    ...(opts.depends.length ? [`Depends: ${opts.depends.join(', ')}`] : []),
    ...(opts.recommends.length ? [`Recommends: ${opts.recommends.join(', ')}`] : []),
    `Section: ${opts.category ?? 'default'}`,
    `Priority: ${opts['deb-priority'] ?? 'optional'}`,
    ...(opts.url ? [`Homepage: ${opts.url}`] : []),
    `Description: ${summary || opts.name}`,
    ...rest.filter((l) => l !== '').map((l) => ` ${l}`),
  ];
  writeFileSync(join(root, 'DEBIAN', 'control'), control.join('\n') + '\n');
  for (const [flag, name] of [
    ['after-install', 'postinst'],
    ['after-remove', 'postrm'],
  ]) {
    if (!opts[flag]) continue;
    writeFileSync(join(root, 'DEBIAN', name), readFileSync(opts[flag]));
    chmodSync(join(root, 'DEBIAN', name), 0o755);
  }
  const compression = { xz: 'xz', gz: 'gzip', bzip2: 'xz', none: 'none' }[opts['deb-compression'] ?? 'xz'] ?? 'xz';
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', root, opts.package], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}

function fail(message) {
  process.stderr.write(`fpm-dpkg: ${message}\n`);
  process.exit(1);
}
