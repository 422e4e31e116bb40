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
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.what,
    `${fmt(r.figure)} ${r.unit}`,
    r.baseline ? `${fmt(r.baseline.figure)} ${r.baseline.unit} (${r.baseline.what})` : '-',
    r.ratio !== undefined ? `${fmt(r.ratio)}x ${r.ratioLabel ?? ''}`.trim() : '-',
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const head = ['what', 'figure', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
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
