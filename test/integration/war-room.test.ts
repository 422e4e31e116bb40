import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('WarRoom facade', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let warRoom: WarRoom;
  let store: IncidentLogStore;
  const actor = { id: 'u_alice00001', name: 'Alice' };
  beforeEach(async () => {
    dir = await tempDir();
    store = new IncidentLogStore(dir.path);
    warRoom = new WarRoom({ store, actor: () => actor });
  });
  afterEach(async () => {
    await warRoom.close();
    await dir.cleanup();
  });

  it('writes concurrently with gapless seqs, all durable, each visible to the next', async () => {
    const opened = await warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const hyp = warRoom.record(incident, 'hypothesis.added', { text: 'IP address conflict on the private network' });
    const notes = Array.from({ length: 50 }, (_, i) => warRoom.record(incident, 'note.added', { text: `note ${i}` }));
    const h = await hyp;
    if (!h.ok) throw new Error(h.error);
    const ruled = await warRoom.record(incident, 'hypothesis.status', {
      target: h.value.id,
      status: 'ruled-out',
      evidence: 'arping shows one MAC',
    });
    expect(ruled.ok).toBe(true);
    expect((await Promise.all(notes)).every((r) => r.ok)).toBe(true);
    const onDisk = await new IncidentLogStore(dir.path).read(incident);
    expect(onDisk.events.map((e) => e.seq)).toEqual(Array.from({ length: 53 }, (_, i) => i + 1));
    expect(new Set(onDisk.events.map((e) => e.origin))).toEqual(new Set([warRoom.origin]));
  });

  it('tells listeners only after the event is on disk, and keeps state clean when the disk refuses', async () => {
    const opened = await warRoom.createIncident({ title: 'x' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const heard: string[] = [];
    warRoom.onEvents((_i, events) => heard.push(...events.map((e) => e.kind)));
    expect((await warRoom.record(incident, 'note.added', { text: 'saved' })).ok).toBe(true);
    expect(heard).toEqual(['note.added']);

    // A full disk: the store refuses the append.
    const append = store.append.bind(store);
    store.append = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    const refused = await warRoom.record(incident, 'note.added', { text: 'not saved' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/could not save .*ENOSPC/) });
    expect(heard).toEqual(['note.added']);
    store.append = append;
    expect((await warRoom.state(incident)).notes).toHaveLength(1);
  });

  it('tells the sync path of a local event before its fsync, and shows remote events before ours', async () => {
    const opened = await warRoom.createIncident({ title: 'x' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const order: string[] = [];
    let releaseDisk!: () => void;
    const append = store.append.bind(store);
    store.append = (id, events) => {
      order.push('append started');
      return new Promise<void>((resolve) => (releaseDisk = resolve)).then(() => append(id, events));
    };
    warRoom.onStamped(() => order.push('stamped'));
    warRoom.onEvents((_i, _e, source) => order.push(`events:${source}`));
    const writing = warRoom.record(incident, 'note.added', { text: 'pushed while the disk writes' });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['stamped', 'append started']);
    releaseDisk();
    expect((await writing).ok).toBe(true);
    expect(order).toEqual(['stamped', 'append started', 'events:local']);

    order.length = 0;
    const remote = new WarRoom({ store: new IncidentLogStore(`${dir.path}/remote`), actor: () => ({ id: 'u_bob0000001', name: 'Bob' }) });
    await remote.ingest(incident, await warRoom.events(incident));
    const note = await remote.record(incident, 'note.added', { text: 'from Bob' });
    if (!note.ok) throw new Error(note.error);
    const ingesting = warRoom.ingest(incident, [note.value]);
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['events:remote', 'append started']);
    releaseDisk();
    expect((await ingesting).ok).toBe(true);
    store.append = append;
    await remote.close();
  });

  it('ignores duplicates and refuses events stamped far in the future when ingesting', async () => {
    const opened = await warRoom.createIncident({ title: 'x' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const other = new WarRoom({ store: new IncidentLogStore(`${dir.path}/other`), actor: () => ({ id: 'u_bob0000001', name: 'Bob' }) });
    await other.ingest(incident, await warRoom.events(incident));
    const note = await other.record(incident, 'note.added', { text: 'from Bob' });
    if (!note.ok) throw new Error(note.error);
    const future = { ...note.value, id: 'e_future000001', seq: 2, at: { ms: Date.now() + 3_600_000, c: 0 } };
    const r = await warRoom.ingest(incident, [note.value, note.value, future, { junk: true }]);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.added.map((e) => e.id)).toEqual([note.value.id]);
    expect(r.value.rejected).toEqual([expect.stringMatching(/ahead of this clock/), expect.stringMatching(/invalid event/)]);
    await other.close();
  });
});
