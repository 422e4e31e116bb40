/** One row of `npm run bench`: a figure, the baseline measured in the same run, and the target. */
export interface BenchRow {
  what: string;
  figure: number;
  unit: string;
  baseline?: { what: string; figure: number; unit: string };
  /** figure / baseline (or baseline / figure for times, so that bigger is always better): as the target states it. */
  ratio?: number;
  ratioLabel?: string;
  target: string;
  met: boolean;
  note?: string;
  /** Why the row has no figure: it could not run (an error, a timeout, nothing measured). */
  failed?: string;
}

/** What every suite is told: `quick` cuts sizes (CI: every row must run), `large` adds the million-event rows. */
export interface BenchOptions {
  quick: boolean;
  large: boolean;
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.what,
    r.failed !== undefined ? 'COULD NOT RUN' : `${fmt(r.figure)} ${r.unit}`,
    r.baseline ? `${fmt(r.baseline.figure)} ${r.baseline.unit} (${r.baseline.what})` : '-',
    r.ratio !== undefined ? `${fmt(r.ratio)}x ${r.ratioLabel ?? ''}`.trim() : '-',
    r.target,
    r.failed !== undefined ? 'FAILED' : r.met ? 'yes' : 'NO',
  ]);
  const head = ['what', 'figure', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** A row that could not run: named, with why, and never a figure. */
export function failedRow(what: string, why: string): BenchRow {
  return { what, figure: NaN, unit: '', target: 'runs', met: false, failed: why };
}

/**
 * A row whose figure, baseline or ratio is not a number (a percentile of no samples, a division by zero)
 * measured nothing: it becomes a failed row rather than a NaN in the table.
 */
export function checkedRow(r: BenchRow): BenchRow {
  if (r.failed !== undefined) return r;
  const numbers = [r.figure, r.baseline?.figure ?? 0, r.ratio ?? 0];
  if (numbers.every(Number.isFinite)) return r;
  return { ...r, met: false, failed: `no figure (figure ${r.figure}, baseline ${r.baseline?.figure ?? '-'}, ratio ${r.ratio ?? '-'})` };
}

/** Runs one step of a suite: its rows, or one row naming the step and why it could not run. */
export async function step(name: string, run: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  process.stderr.write(`bench: ${name}...\n`);
  try {
    const rows = (await run()).map(checkedRow);
    if (rows.length === 0) return [failedRow(name, 'produced no rows')];
    return rows;
  } catch (e) {
    process.stderr.write(`bench: ${name} failed: ${(e as Error).stack}\n`);
    return [failedRow(name, (e as Error).message)];
  }
}

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The fastest of `runs` timed runs, in ms: the least disturbed by whatever else the machine is doing. */
export async function bestOf(runs: number, fn: () => unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
