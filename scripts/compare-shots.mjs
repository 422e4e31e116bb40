// Compares two folders of screenshots (npm run look) pixel by pixel and lists every picture that differs.
// `node scripts/compare-shots.mjs BEFORE AFTER [DIFFS]`: exit 1 when any differs; the diff images go to DIFFS.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const [before, after, diffs = 'test-results/look-diff'] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/compare-shots.mjs BEFORE AFTER [DIFFS]');
  process.exit(2);
}
mkdirSync(diffs, { recursive: true });
const names = [...new Set([...readdirSync(before), ...readdirSync(after)])].filter((f) => f.endsWith('.png')).sort();
let differing = 0;
for (const name of names) {
  if (!existsSync(join(before, name)) || !existsSync(join(after, name))) {
    console.log(`${name}: only in ${existsSync(join(before, name)) ? before : after}`);
    differing++;
    continue;
  }
  const a = PNG.sync.read(readFileSync(join(before, name)));
  const b = PNG.sync.read(readFileSync(join(after, name)));
  if (a.width !== b.width || a.height !== b.height) {
    console.log(`${name}: size ${a.width}x${a.height} -> ${b.width}x${b.height}`);
    differing++;
    continue;
  }
  const diff = new PNG({ width: a.width, height: a.height });
  // threshold 0: any change of colour counts; antialiasing is not forgiven either (the same browser draws both).
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0, includeAA: true });
  if (n > 0) {
    differing++;
    writeFileSync(join(diffs, name), PNG.sync.write(diff));
    console.log(`${name}: ${n} pixels differ (${diffs}/${name})`);
  }
}
console.log(`${names.length} pictures compared, ${differing} differ`);
process.exit(differing ? 1 : 0);
