import Conf from 'conf';
import { performance } from 'node:perf_hooks';
import { IncidentLogStore } from '../main/services/incident-log-store.js';
import { WarRoom } from '../main/services/war-room.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { syntheticIncident } from './synthetic-incident.js';
import type { BenchOptions, BenchRow } from './table.js';

/** 10,000 durable appends one at a time and all at once, against conf `set` of the same growing list. */
export async function benchDurableAppend({ quick }: BenchOptions): Promise<BenchRow[]> {
  const N = quick ? 1_000 : 10_000;
  const n = N.toLocaleString('en');
  const dir = await tempDir('warroom-bench-');
  try {
    const events = syntheticIncident(N);
    const rate = (ms: number, n: number) => n / (ms / 1000);

    const sequentialStore = new IncidentLogStore(`${dir.path}/seq`);
    let t = performance.now();
    for (const e of events) await sequentialStore.append(e.incident, [e]);
    const sequential = rate(performance.now() - t, N);
    await sequentialStore.close();

    const concurrentStore = new IncidentLogStore(`${dir.path}/con`);
    t = performance.now();
    await Promise.all(events.map((e) => concurrentStore.append(e.incident, [e])));
    const concurrent = rate(performance.now() - t, N);
    await concurrentStore.close();

    // The full road a UI write takes: validate, check against state, stamp, fold, append, fsync.
    const warRoom = new WarRoom({
      store: new IncidentLogStore(`${dir.path}/facade`),
      actor: () => ({ id: 'u_benchuser1', name: 'Bench' }),
    });
    const opened = await warRoom.createIncident({ title: 'bench', severity: 'SEV2' });
    if (!opened.ok) throw new Error(opened.error);
    t = performance.now();
    await Promise.all(Array.from({ length: N }, (_, i) => warRoom.record(opened.value.incident, 'note.added', { text: `note ${i}` })));
    const facade = rate(performance.now() - t, N);
    await warRoom.close();

    // Baseline: what keeping the log in electron-store would cost once it holds 10,000 entries.
    const conf = new Conf<{ log: unknown[] }>({ cwd: `${dir.path}/conf`, configName: 'log', projectName: 'bench' });
    conf.set('log', events.slice(0, N - 100));
    const log = events.slice(0, N - 100) as unknown[];
    t = performance.now();
    for (const e of events.slice(N - 100)) {
      log.push(e);
      conf.set('log', log);
    }
    const baseline = rate(performance.now() - t, 100);
    const base = { what: `conf.set of the growing list at ${n}`, figure: baseline, unit: 'entries/s' };

    return [
      {
        what: `durable append, one at a time (${n})`,
        figure: sequential,
        unit: 'entries/s',
        baseline: base,
        ratio: sequential / baseline,
        target: '(informational)',
        met: true,
      },
      {
        what: `durable append, concurrent (${n})`,
        figure: concurrent,
        unit: 'entries/s',
        baseline: base,
        ratio: concurrent / baseline,
        target: '>= 2,000/s; >= 50x baseline',
        met: concurrent >= 2000 && concurrent / baseline >= 50,
      },
      {
        what: `WarRoom.record, concurrent (${n})`,
        figure: facade,
        unit: 'entries/s',
        baseline: base,
        ratio: facade / baseline,
        target: '>= 2,000/s',
        met: facade >= 2000,
      },
    ];
  } finally {
    await dir.cleanup();
  }
}
