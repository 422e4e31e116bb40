// Licence notices for what a build ships: every third-party package whose code is inside a bundle (esbuild's
// metafile, vite's module ids) or installed beside it (production dependencies), with its licence text.
// Most licences (MIT, ISC, BSD, Apache-2.0) ask that the notice travel with the code; bundling strips it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The package folder (…/node_modules/name or …/node_modules/@scope/name) each file belongs to, once each. */
export function packageDirsOf(files) {
  const dirs = new Set();
  for (const file of files) {
    const parts = resolve(file).split(sep);
    const at = parts.lastIndexOf('node_modules');
    if (at < 0 || at + 1 >= parts.length) continue;
    const take = parts[at + 1].startsWith('@') ? at + 3 : at + 2;
    dirs.add(parts.slice(0, take).join(sep));
  }
  return [...dirs];
}

/** Production dependencies as npm installed them (package-lock.json: every package not marked dev). */
export function productionPackageDirs(root = '.') {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([path, meta]) => path.startsWith('node_modules/') && !meta.dev && !meta.devOptional && !meta.link)
    .map(([path]) => resolve(root, path));
}

function notice(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // `license` (SPDX), or the older `licenses: [{ type }]` some packages still use.
  const licence =
    typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'unstated');
  const files = readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f))
    .sort();
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  const body = texts.length ? texts.join('\n\n') : `(${licence}; the package ships no licence file${author ? `; author: ${author}` : ''})`;
  return { name: pkg.name, version: pkg.version, licence, text: `${pkg.name} ${pkg.version} (${licence})\n\n${body}` };
}

/** Writes one file: a header, the list, then each package's licence text. Returns the package names. */
export function writeNotices(outFile, title, dirs) {
  const seen = new Map();
  for (const dir of dirs) {
    const n = notice(dir);
    seen.set(`${n.name}@${n.version}`, n);
  }
  const all = [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rule = '-'.repeat(78);
  const text = [
    title,
    '',
    `It contains code from these ${all.length} packages, each under its own licence, reproduced below:`,
    '',
    ...all.map((n) => `  ${n.name} ${n.version} (${n.licence})`),
    '',
    ...all.flatMap((n) => [rule, n.text, '']),
  ].join('\n');
  writeFileSync(outFile, text);
  return all.map((n) => n.name);
}
