import { writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { IncidentLogStore } from '../main/services/incident-log-store.js';
import { WarRoom } from '../main/services/war-room.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { syntheticIncident, toJsonLines } from './synthetic-incident.js';
import { bestOf, type BenchOptions, type BenchRow } from './table.js';

/** Opening a 100,000-event incident: replay (validate every line) + fold, against JSON.parse of the same bytes. */
export async function benchOpen({ quick }: BenchOptions): Promise<BenchRow[]> {
  const N = quick ? 5_000 : 100_000;
  const dir = await tempDir('warroom-bench-');
  try {
    const events = syntheticIncident(N);
    const store = new IncidentLogStore(dir.path);
    await writeFile(store.pathOf(events[0]!.incident), toJsonLines(events));

    const baseline = await bestOf(3, async () => {
      const text = await readFile(store.pathOf(events[0]!.incident), 'utf8');
      let n = 0;
      for (const line of text.split('\n')) if (line) n += JSON.parse(line) ? 1 : 0;
      if (n !== N) throw new Error('baseline parsed the wrong count');
    });
    const open = await bestOf(3, async () => {
      const warRoom = new WarRoom({ store: new IncidentLogStore(dir.path), actor: () => ({ id: 'u_benchuser1', name: 'Bench' }) });
      const state = await warRoom.state(events[0]!.incident);
      if (state.eventCount !== N) throw new Error(`folded ${state.eventCount} events, expected ${N}`);
      await warRoom.close();
    });
    return [
      {
        what: `open: replay + fold ${N.toLocaleString('en')} events`,
        figure: open,
        unit: 'ms',
        baseline: { what: 'JSON.parse of the same bytes', figure: baseline, unit: 'ms' },
        ratio: open / baseline,
        ratioLabel: 'of baseline',
        target: '<= 1000 ms; <= 5x baseline',
        met: open <= 1000 && open / baseline <= 5,
      },
    ];
  } finally {
    await dir.cleanup();
  }
}
