import { afterEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import type { StoredRef } from '../../main/hub/hub-storage.js';
import { cleanupTempDirs, makePeer, startTestHub, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';

/** A disk whose writes finish only when the test says so (or fail then, as a full disk would). */
class HeldDisk extends MemoryHubStorage {
  private held: { done: () => void; fail: (e: Error) => void }[] = [];
  hold = false;

  override async append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]> {
    if (this.hold) await new Promise<void>((done, fail) => this.held.push({ done, fail }));
    return super.append(room, events);
  }

  get waiting(): number {
    return this.held.length;
  }

  finish(): void {
    this.hold = false;
    for (const h of this.held.splice(0)) h.done();
  }

  failAll(): void {
    this.hold = false;
    for (const h of this.held.splice(0)) h.fail(new Error('disk full'));
  }
}

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

async function twoTeammates(disk: HeldDisk) {
  hub = await startTestHub({ storage: disk });
  const ana = await makePeer('ana');
  const ben = await makePeer('ben');
  peers.push(ana, ben);
  const opened = await ana.warRoom.createIncident({ title: 'Checkout errors' });
  if (!opened.ok) throw new Error(opened.error);
  const incident = opened.value.incident;
  const token = await hub.invite(incident);
  const anaClient = ana.connect(hub.hub.url, incident, token);
  const benClient = ben.connect(hub.hub.url, incident, token);
  await anaClient.whenSynced();
  await benClient.whenSynced();
  await waitFor(
    async () => (await ben.warRoom.exists(incident)) && (await ben.warRoom.state(incident)).title === 'Checkout errors',
    'ben has it',
  );
  const positioned = new Set<string>();
  ben.warRoom.onOrder((_i, range) => range.ids.forEach((id) => positioned.add(id)));
  return { ana, ben, incident, anaClient, positioned };
}

describe('the hub relays an event while its write runs, and positions and acks it only once durable', () => {
  it('a teammate sees the note before the hub fsyncs; its position and the writer ack come after', async () => {
    const disk = new HeldDisk();
    const { ana, ben, incident, anaClient, positioned } = await twoTeammates(disk);
    disk.hold = true;
    const note = await ana.warRoom.record(incident, 'note.added', { text: 'rolled back the 14:02 deploy' });
    if (!note.ok) throw new Error(note.error);

    await waitFor(async () => (await ben.warRoom.events(incident)).some((e) => e.id === note.value.id), 'ben sees the note');
    expect(disk.waiting).toBe(1);
    // Not durable on the hub yet: no position for anyone, and Ana still counts it as not synced.
    expect(positioned.has(note.value.id)).toBe(false);
    expect(anaClient.status().unsynced).toBe(1);

    disk.finish();
    await waitFor(() => positioned.has(note.value.id), 'the position, once durable');
    await waitFor(() => anaClient.status().unsynced === 0, 'ana acked');
    expect(disk.rooms.get(incident)!.filter((e) => e.id === note.value.id)).toHaveLength(1);
  });

  it('a write that fails after the relay gives no position and no ack; the writer pushes again and it takes one then', async () => {
    const disk = new HeldDisk();
    const { ana, ben, incident, anaClient, positioned } = await twoTeammates(disk);
    disk.hold = true;
    const note = await ana.warRoom.record(incident, 'note.added', { text: 'paging the database on-call' });
    if (!note.ok) throw new Error(note.error);
    await waitFor(async () => (await ben.warRoom.events(incident)).some((e) => e.id === note.value.id), 'ben sees the note');

    disk.failAll();
    // Ana was never acked: her client pushes again, the write holds this time, and only then is there a position.
    await waitFor(() => disk.rooms.get(incident)?.some((e) => e.id === note.value.id) === true, 'the retried write on the hub', 20_000);
    await waitFor(() => positioned.has(note.value.id), 'the position after the retry', 20_000);
    await waitFor(() => anaClient.status().state === 'connected' && anaClient.status().unsynced === 0, 'ana synced', 20_000);
    expect(disk.rooms.get(incident)!.filter((e) => e.id === note.value.id)).toHaveLength(1);
    // Ben holds it once, with the position the hub gave when it was durable.
    expect((await ben.warRoom.events(incident)).filter((e) => e.id === note.value.id)).toHaveLength(1);
  });
});
