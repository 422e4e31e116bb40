import { performance } from 'node:perf_hooks';
import { fold } from '../src/incident/fold.js';
import { EXPORT_FORMATS, renderExport } from '../src/export/export-formats.js';
import { syntheticIncident } from './synthetic-incident.js';
import type { BenchRow } from './table.js';

const N = 100_000;

/** Each export format for a 100,000-entry incident, against JSON.stringify of the same events. */
export async function benchExport(): Promise<BenchRow[]> {
  const events = syntheticIncident(N);
  const state = fold(events);
  const input = { incident: events[0]!.incident, events, state };
  const best = (fn: () => unknown) => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      fn();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  const baseline = { what: 'JSON.stringify of the events', figure: best(() => JSON.stringify(events)), unit: 'ms' };
  return EXPORT_FORMATS.map((format) => {
    const ms = best(() => {
      const r = renderExport(format, input, { tz: 'Europe/Berlin' });
      if (!r.ok) throw new Error(r.error);
    });
    return { what: `export ${format}, 100,000 entries`, figure: ms, unit: 'ms', baseline, ratio: ms / baseline.figure, ratioLabel: 'of baseline', target: '<= 1000 ms', met: ms <= 1000 };
  });
}
