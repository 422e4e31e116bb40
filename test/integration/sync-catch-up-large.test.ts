import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { fold } from '../../src/incident/fold.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import { syntheticIncident, toJsonLines } from '../../bench/synthetic-incident.js';
import { cleanupTempDirs, makePeer, startTestHub, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';

const INCIDENT = 'inc_catchup50k1';
const N = 50_000;

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

describe('catching up a long incident', () => {
  it('a peer that already holds some of it ends with the state one fold of all 50,000 events gives', async () => {
    const events = syntheticIncident(N, INCIDENT);
    const seeded = await startTestHub();
    await seeded.close();
    await mkdir(join(seeded.dataDir, 'incidents'), { recursive: true });
    await writeFile(join(seeded.dataDir, 'incidents', `${INCIDENT}.jsonl`), toJsonLines(events));
    hub = await startTestHub({ dataDir: seeded.dataDir });

    // The late joiner already has every 9th event (from an earlier sync, or an import): what the hub pages
    // in lands between events it holds.
    const late = await makePeer('late');
    peers.push(late);
    const head = await late.warRoom.ingest(
      INCIDENT,
      events.filter((_, i) => i % 9 === 0),
    );
    if (!head.ok) throw new Error(head.error);
    const link = late.connect(hub.hub.url, INCIDENT, await hub.invite(INCIDENT, 'viewer'));
    await waitFor(async () => (await late.warRoom.events(INCIDENT)).length === N, 'all 50,000 events on the late joiner', 120_000);
    // Events show as soon as they are folded; the exchange ends only once the last batch is on our disk.
    await link.whenSynced(120_000);

    const expected = JSON.stringify(fold(events));
    expect(JSON.stringify(await late.warRoom.state(INCIDENT))).toBe(expected);
    // What the late joiner wrote to its own disk (the log and the hub's positions beside it) folds to the same state.
    const reopened = new WarRoom({ store: new IncidentLogStore(join(late.dir, 'incidents')), actor: () => late.actor });
    expect(await reopened.events(INCIDENT)).toHaveLength(N);
    expect(JSON.stringify(await reopened.state(INCIDENT))).toBe(expected);
    await reopened.close();
  }, 180_000);

  it('a folder fed 50,000 events in pages of 500 with their positions, some positions before their events, equals one fold', () => {
    const events = syntheticIncident(N, INCIDENT);
    const folder = new IncidentFolder(INCIDENT);
    let seen = 0;
    for (let i = 0; i < events.length; i += 500) {
      const page = events.slice(i, i + 500);
      const range = { from: i + 1, ids: page.map((e) => e.id) };
      // Every third page's positions come before its events (a live order message outrunning an ingest).
      if ((i / 500) % 3 === 0) expect(folder.order(range)).toEqual({ ok: true });
      seen += folder.add(page).length;
      if ((i / 500) % 3 !== 0) expect(folder.order(range)).toEqual({ ok: true });
      // Someone looks now and then (a window, a notice): the state then is the fold of what is held.
      if ((i / 500) % 25 === 0) expect(folder.state.eventCount).toBe(seen);
    }
    // Replayed pages add nothing; replayed positions agree.
    expect(folder.add(events.slice(0, 500))).toEqual([]);
    expect(folder.order({ from: 1, ids: events.slice(0, 500).map((e) => e.id) })).toEqual({ ok: true });
    expect(folder.position).toBe(N);
    expect(folder.state.provisional).toEqual([]);
    expect(JSON.stringify(folder.state)).toBe(JSON.stringify(fold(events)));
  });
});
