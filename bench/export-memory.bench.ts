import { spawn } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPORT_FORMATS } from '../src/export/export-formats.js';
import { IncidentLogStore } from '../main/services/incident-log-store.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { syntheticIncident } from './synthetic-incident.js';
import type { BenchOptions, BenchRow } from './table.js';

const INCIDENT = 'inc_benchmem01';

interface ChildResult {
  peakMb: number;
  ms: number;
  events: number;
}

/** Runs one measurement in its own process (same heap limit for every run), so peak RSS is that run's alone. */
function measure(dir: string, mode: string, out?: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', 'bench/export-memory-child.ts', dir, INCIDENT, mode, ...(out ? [out] : [])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text) as ChildResult) : reject(new Error(`${mode} exited with ${code}`))));
  });
}

/** Writes the synthetic log in slices, so the parent never holds its text whole. */
async function writeLog(path: string, n: number): Promise<void> {
  const events = syntheticIncident(n, INCIDENT);
  const fh = await open(path, 'w');
  try {
    for (let i = 0; i < events.length; i += 10_000)
      await fh.writeFile(
        events
          .slice(i, i + 10_000)
          .map((e) => JSON.stringify(e) + '\n')
          .join(''),
      );
  } finally {
    await fh.close();
  }
}

/**
 * Export of a big incident to a file, each format, streamed: peak RSS against a process that only opens the
 * same log (reads, validates, folds). 100,000 events by default; 1,000,000 with `npm run bench -- --large`.
 */
export async function benchExportMemory({ large, quick }: BenchOptions): Promise<BenchRow[]> {
  const n = large ? 1_000_000 : quick ? 5_000 : 100_000;
  const label = n.toLocaleString('en-US');
  const dir = await tempDir('warroom-bench-mem-');
  try {
    const store = new IncidentLogStore(dir.path);
    await writeLog(store.pathOf(INCIDENT), n);
    const opened = await measure(dir.path, 'open');
    if (opened.events !== n) throw new Error(`opened ${opened.events} events, expected ${n}`);
    const baseline = { what: `open of the same log: ${opened.ms.toFixed(0)} ms`, figure: opened.peakMb, unit: 'MB peak RSS' };
    const rows: BenchRow[] = [];
    for (const format of EXPORT_FORMATS) {
      const out = join(dir.path, `export.${format}`);
      const r = await measure(dir.path, format, out);
      const size = (await stat(out)).size / 2 ** 20;
      const ratio = r.peakMb / opened.peakMb;
      rows.push({
        what: `export ${format} to a file, ${label} events (${size.toFixed(0)} MB, ${(r.ms / 1000).toFixed(1)} s with the open)`,
        figure: r.peakMb,
        unit: 'MB peak RSS',
        baseline,
        ratio,
        ratioLabel: 'of baseline',
        target: 'completes; <= 1.5x baseline',
        met: ratio <= 1.5,
      });
    }
    return rows;
  } finally {
    await dir.cleanup();
  }
}
