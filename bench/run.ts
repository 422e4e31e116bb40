// `npm run bench`: figures users feel, each against a baseline measured in the same run. Not part of npm test.
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { benchCliStartup } from './cli-startup.bench.js';
import { benchDurableAppend } from './durable-append.bench.js';
import { benchOpen } from './open.bench.js';
import { benchExport } from './export.bench.js';
import { benchExportMemory } from './export-memory.bench.js';
import { benchSync } from './sync.bench.js';
import { benchRenderer } from './renderer.bench.js';
import { benchScale } from './scale.bench.js';
import { benchStress } from './stress.bench.js';
import { benchLintCorpus } from './lint-corpus.bench.js';
import { printTable, type BenchRow } from './table.js';

// `npm run bench -- [filter] [--large]`: a suite name filter, and --large for the million-event rows.
const args = process.argv.slice(2);
const large = args.includes('--large');
const only = args.find((a) => !a.startsWith('--'));

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['durable append', benchDurableAppend],
  ['open', benchOpen],
  ['export', benchExport],
  ['export memory', () => benchExportMemory(large)],
  ['sync', benchSync],
  ['renderer', benchRenderer],
  ['scale', () => benchScale({ large })],
  ['cli start-up', benchCliStartup],
  ['stress', benchStress],
  ['lint corpus', benchLintCorpus],
];

const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  process.stderr.write(`bench: ${name}...\n`);
  try {
    rows.push(...(await run()));
  } catch (e) {
    rows.push({ what: name, figure: NaN, unit: '', target: 'ran', met: false, note: (e as Error).message });
    process.stderr.write(`bench: ${name} failed: ${(e as Error).stack}\n`);
  }
}
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nWar Room benchmarks on ${machine}\n`);
console.log(printTable(rows));
await writeFile('bench-results.json', JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2) + '\n');
console.log('\nwritten to bench-results.json');
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
