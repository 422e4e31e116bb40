// `npm run dist [electron-builder options]`: build, then package with electron-builder.yml.
// The update feed there is `${env.WARROOM_UPDATE_URL}`. Set, the build writes app-update.yml (and the feed
// files, latest*.yml) and the app checks that server; unset or empty, publishing is left out entirely (no
// app-update.yml, so the app never checks) instead of electron-builder refusing an undefined variable.
// Example: node scripts/dist.mjs --linux deb -c.electronDist=/path/to/electron
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
// electron-builder's own command line, so every option it documents works here too.
const { build, configureBuildCommand, createYargs } = require('electron-builder/out/builder.js');

const args = configureBuildCommand(createYargs()).strict().parse(process.argv.slice(2));
// A process of its own: build.mjs reads its own arguments, which are not these.
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
await writeDebianChangelog();
const feed = process.env.WARROOM_UPDATE_URL?.trim();
if (!feed && typeof args.config !== 'string') args.config = { ...(args.config ?? {}), publish: null };
await build(args);

/**
 * /usr/share/doc/war-room/changelog.gz, which Debian policy asks every package for: one entry for this version,
 * pointing at the release notes (SOURCE_DATE_EPOCH, when set, dates it, for reproducible builds).
 */
async function writeDebianChangelog() {
  const { version } = JSON.parse(await readFile('package.json', 'utf8'));
  const when = new Date(process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now());
  const text = [
    `war-room (${version}) stable; urgency=medium`,
    '',
    `  * War Room ${version}: see https://warroom.invalid/releases`,
    '',
    ` -- War Room team <team@warroom.invalid>  ${when.toUTCString().replace('GMT', '+0000')}`,
    '',
  ].join('\n');
  await mkdir('dist/packaging', { recursive: true });
  await writeFile('dist/packaging/changelog.gz', gzipSync(text, { level: 9 }));
}
