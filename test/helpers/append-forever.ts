// A child process for the crash test: appends notes through the real WarRoom facade, several in flight at
// once, and prints each id only after its append resolved (= reported durable). The parent SIGKILLs it.
import { incidentsDir } from '../../main/services/data-dir.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';

const [dataDir, incident] = process.argv.slice(2) as [string, string];
const warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dataDir)), actor: () => ({ id: 'u_crashtest1', name: 'Crash' }) });

let n = 0;
async function writer(): Promise<never> {
  for (;;) {
    const r = await warRoom.record(incident, 'note.added', { text: `note ${n++} ${'x'.repeat(n % 300)}` });
    if (!r.ok) throw new Error(r.error);
    process.stdout.write(`${r.value.id}\n`);
  }
}
process.stdout.write('ready\n');
await Promise.all([writer(), writer(), writer(), writer()]);
