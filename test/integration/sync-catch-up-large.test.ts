import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { fold } from '../../src/incident/fold.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import type { WarEvent } from '../../src/kinds/event.js';
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

/** The hub's order for pages: by origin, then seq. Not the timeline's order, so each page lands in the past. */
const byOriginSeq = (a: WarEvent, b: WarEvent): number => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.seq - b.seq);

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
    // What the late joiner wrote to its own disk folds to the same state too.
    const reopened = await new IncidentLogStore(join(late.dir, 'incidents')).read(INCIDENT);
    expect(reopened.events).toHaveLength(N);
    expect(JSON.stringify(fold(reopened.events))).toBe(expected);
  }, 180_000);

  it('a folder fed 50,000 events in pages of 500, in the hub order, read between pages, equals one fold', () => {
    const events = syntheticIncident(N, INCIDENT);
    const pages = [...events].sort(byOriginSeq);
    const folder = new IncidentFolder(INCIDENT);
    let seen = 0;
    for (let i = 0; i < pages.length; i += 500) {
      const fresh = folder.add(pages.slice(i, i + 500));
      seen += fresh.length;
      // Someone looks now and then (a window, a notice): the state then is the fold of what is held.
      if ((i / 500) % 25 === 0) expect(folder.state.eventCount).toBe(seen);
    }
    // Replayed pages add nothing.
    expect(folder.add(pages.slice(0, 500))).toEqual([]);
    expect(folder.events).toHaveLength(N);
    expect(folder.events.every((e, i) => i === 0 || folder.events[i - 1]!.at.ms <= e.at.ms)).toBe(true);
    expect(JSON.stringify(folder.state)).toBe(JSON.stringify(fold(events)));
  });
});
