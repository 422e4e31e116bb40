// Compares folders of screenshots (npm run look) pixel by pixel and lists every picture that differs.
// `node scripts/compare-shots.mjs BEFORE[,BEFORE2…] AFTER [DIFFS]`: exit 1 when any differs; the diff images go
// to DIFFS. Several BEFORE runs of the same code give the noise floor: a picture counts as changed only when it
// differs from every one of them (a caret caught mid-blink, a scroll that lands a frame later).
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const [beforeArg, after, diffs = 'test-results/look-diff'] = process.argv.slice(2);
if (!beforeArg || !after) {
  console.error('usage: node scripts/compare-shots.mjs BEFORE[,BEFORE2…] AFTER [DIFFS]');
  process.exit(2);
}
const befores = beforeArg.split(',');
mkdirSync(diffs, { recursive: true });

/** Pixels that differ (threshold 0: any change of colour counts, antialiasing too: the same browser drew both). */
function compare(pathA, pathB) {
  const a = PNG.sync.read(readFileSync(pathA));
  const b = PNG.sync.read(readFileSync(pathB));
  if (a.width !== b.width || a.height !== b.height) return { pixels: Infinity, diff: null };
  const diff = new PNG({ width: a.width, height: a.height });
  return { pixels: pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0, includeAA: true }), diff };
}

const names = [...new Set([...befores.flatMap((d) => readdirSync(d)), ...readdirSync(after)])].filter((f) => f.endsWith('.png')).sort();
let differing = 0;
for (const name of names) {
  const runs = befores.filter((d) => existsSync(join(d, name)));
  if (!runs.length || !existsSync(join(after, name))) {
    console.log(`${name}: only in ${runs.length ? 'BEFORE' : after}`);
    differing++;
    continue;
  }
  const results = runs.map((d) => compare(join(d, name), join(after, name)));
  const best = results.reduce((x, y) => (y.pixels < x.pixels ? y : x));
  if (best.pixels === 0) continue;
  differing++;
  if (best.diff) writeFileSync(join(diffs, name), PNG.sync.write(best.diff));
  console.log(`${name}: ${best.pixels} pixels differ (${diffs}/${name})`);
}
console.log(`${names.length} pictures compared, ${differing} differ`);
process.exit(differing ? 1 : 0);
