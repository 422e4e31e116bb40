// `npm run bench`: figures users feel, each against a baseline measured in the same run. Not part of npm test;
// CI runs `npm run bench -- --quick` (every row at small sizes), which fails on any row that cannot run.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchCliStartup } from './cli-startup.bench.js';
import { benchDurableAppend } from './durable-append.bench.js';
import { benchOpen } from './open.bench.js';
import { benchExport } from './export.bench.js';
import { benchExportMemory } from './export-memory.bench.js';
import { benchSync } from './sync.bench.js';
import { benchCluster } from './cluster.bench.js';
import { benchRenderer } from './renderer.bench.js';
import { benchScale } from './scale.bench.js';
import { benchStress } from './stress.bench.js';
import { benchFlood } from './flood.bench.js';
import { benchLintCorpus } from './lint-corpus.bench.js';
import { benchStatusPage } from './status-page.bench.js';
import { printTable, step, type BenchOptions, type BenchRow } from './table.js';

// `npm run bench -- [filter] [--large] [--quick]`: a suite name filter; --large for the million-event and
// thousand-viewer rows; --quick for small sizes (a minute or two: CI).
const args = process.argv.slice(2);
const options: BenchOptions = { large: args.includes('--large'), quick: args.includes('--quick') };
const only = args.find((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--large' && a !== '--quick');
if (unknown.length) {
  console.error(`bench: unknown option ${unknown.join(', ')} (use [filter] [--large] [--quick])`);
  process.exit(2);
}

const suites: [string, (o: BenchOptions) => Promise<BenchRow[]>][] = [
  ['durable append', benchDurableAppend],
  ['open', benchOpen],
  ['export', benchExport],
  ['export memory', benchExportMemory],
  ['sync', benchSync],
  ['cluster', benchCluster],
  ['renderer', benchRenderer],
  ['scale', benchScale],
  ['cli start-up', benchCliStartup],
  ['stress', benchStress],
  ['flood', benchFlood],
  ['lint corpus', benchLintCorpus],
  ['status page', benchStatusPage],
];

const started = performance.now();
const loadAtStart = loadavg();
const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  rows.push(...(await step(name, () => run(options))));
}
const wallMs = performance.now() - started;
const loadAtEnd = loadavg();

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const mode = options.quick ? ' (quick: small sizes, targets not judged)' : options.large ? ' (--large)' : '';
console.log(`\nWar Room benchmarks${mode} on ${machine}\n`);
console.log(printTable(rows));
const minutes = Math.floor(wallMs / 60_000);
console.log(
  `\nwall time ${minutes} min ${((wallMs % 60_000) / 1000).toFixed(0)} s; load average (1, 5, 15 min) ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end`,
);
if (!options.quick) {
  await writeFile(
    'bench-results.json',
    JSON.stringify({ machine, at: new Date().toISOString(), wallMs, loadAtStart, loadAtEnd, options, rows }, null, 2) + '\n',
  );
  console.log('written to bench-results.json');
}

const failed = rows.filter((r) => r.failed !== undefined);
if (failed.length) {
  console.error(`\nbench: ${failed.length} row(s) could not run:`);
  for (const r of failed) console.error(`  ${r.what}: ${r.failed}`);
  process.exitCode = 2;
} else process.exitCode = options.quick || rows.every((r) => r.met) ? 0 : 1;
