import { join } from 'node:path';
import { writeSyntheticLog } from './scale-fixtures.js';
import { makePeer, rawSocket, connectOutcome, startTestHub, tempDir, cleanupTempDirs } from '../test/helpers/hub-peers.js';
const incident = 'inc_benchcatch1'; const n = 100_000;
const hubDir = await tempDir('warroom-bench-hub-');
await writeSyntheticLog(join(hubDir, 'incidents', `${incident}.jsonl`), n, incident);
import { WarRoom } from '../main/services/war-room.js';
import { IncidentLogStore } from '../main/services/incident-log-store.js';
for (let i = 0; i < 0; i++) {
  const w = new WarRoom({ store: new IncidentLogStore(join(hubDir, 'incidents')), actor: () => ({ id: 'u_x', name: 'X' }) });
  const t0 = performance.now(); const c1 = process.cpuUsage();
  await w.state(incident);
  const cc = process.cpuUsage(c1);
  console.log('open', performance.now() - t0, 'cpu', (cc.user + cc.system) / 1000);
  await w.close();
}
const hub = await startTestHub({ dataDir: hubDir });
const probe = rawSocket(hub.hub.url, { token: await hub.invite(incident, 'viewer'), incident, actor: { id: 'u_benchprobe', name: 'Probe' } });
await connectOutcome(probe);
const peer = await makePeer('late');
let held = 0;
const t = performance.now(); const c0 = process.cpuUsage();
const done = new Promise<void>((r) => peer.warRoom.onEvents((_i, ev) => { held += ev.length; if (held >= n) r(); }));
peer.connect(hub.hub.url, incident, await hub.invite(incident, 'viewer'));
await done;
const t2 = performance.now();
await peer.warRoom.state(incident);
const c = process.cpuUsage(c0); console.log('caught up', t2 - t, 'with fold', performance.now() - t, 'cpu', (c.user + c.system) / 1000);
probe.disconnect(); await peer.close(); await hub.close(); await cleanupTempDirs();
