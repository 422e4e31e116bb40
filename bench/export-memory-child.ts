// One measurement of bench/export-memory.bench.ts in a fresh process, so its peak RSS is its own:
// `node --import tsx bench/export-memory-child.ts DIR INCIDENT open|md|json|csv|html [OUT]` prints {peakMb, ms}.
import { IncidentLogStore } from '../main/services/incident-log-store.js';
import { exportIncidentToFile } from '../main/services/incident-exporter.js';
import { WarRoom } from '../main/services/war-room.js';

const [dir, incident, mode, out] = process.argv.slice(2) as [string, string, string, string | undefined];
const warRoom = new WarRoom({ store: new IncidentLogStore(dir), actor: () => ({ id: 'u_benchuser1', name: 'Bench' }) });
const t = performance.now();
// Opening the log: every event read and validated, and folded; what the app holds for an open incident.
const state = await warRoom.state(incident);
await warRoom.events(incident);
if (mode !== 'open') await exportIncidentToFile(warRoom, incident, mode, out!, { tz: 'Europe/Berlin' });
const ms = performance.now() - t;
await warRoom.close();
process.stdout.write(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, ms, events: state.eventCount }) + '\n');
