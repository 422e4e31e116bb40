import { fold } from '../src/incident/fold.js';
import { EXPORT_FORMATS, renderExport } from '../src/export/export-formats.js';
import { syntheticIncident } from './synthetic-incident.js';
import { bestOf, type BenchOptions, type BenchRow } from './table.js';

/** Each export format for a 100,000-entry incident, against JSON.stringify of the same events. */
export async function benchExport({ quick }: BenchOptions): Promise<BenchRow[]> {
  const N = quick ? 5_000 : 100_000;
  const events = syntheticIncident(N);
  const state = fold(events);
  const input = { incident: events[0]!.incident, events, state };
  const baseline = { what: 'JSON.stringify of the events', figure: await bestOf(3, () => JSON.stringify(events)), unit: 'ms' };
  const rows: BenchRow[] = [];
  for (const format of EXPORT_FORMATS) {
    const ms = await bestOf(3, () => {
      const r = renderExport(format, input, { tz: 'Europe/Berlin' });
      if (!r.ok) throw new Error(r.error);
    });
    rows.push({
      what: `export ${format}, ${N.toLocaleString('en')} entries`,
      figure: ms,
      unit: 'ms',
      baseline,
      ratio: ms / baseline.figure,
      ratioLabel: 'of baseline',
      target: '<= 1000 ms',
      met: ms <= 1000,
    });
  }
  return rows;
}
