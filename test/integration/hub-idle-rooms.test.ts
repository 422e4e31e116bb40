import { afterEach, describe, expect, it } from 'vitest';
import { FileHubStorage } from '../../main/hub/hub-storage.js';
import { cleanupTempDirs, makePeer, startTestHub, tempDir, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

/** The file adapter, noting which rooms the hub let go of. */
class WatchedFileStorage extends FileHubStorage {
  readonly released: string[] = [];
  override async releaseRoom(room: string): Promise<void> {
    this.released.push(room);
    await super.releaseRoom(room);
  }
}

describe('a hub with idle rooms', () => {
  it('lets go of a room nobody uses, and serves it again in full when someone comes back', async () => {
    const dataDir = await tempDir('warroom-hubdata-');
    const storage = new WatchedFileStorage(dataDir);
    hub = await startTestHub({ dataDir, storage, idleRoomMs: 50, presenceIntervalMs: 20 });

    const ana = await makePeer('ana');
    peers.push(ana);
    const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    for (const text of ['primary database stalled while replicating to its replicas', 'IP address conflict on the private network']) {
      const r = await ana.warRoom.record(incident, 'hypothesis.added', { text });
      if (!r.ok) throw new Error(r.error);
    }
    const editor = await hub.invite(incident);
    await ana.connect(hub.hub.url, incident, editor).whenSynced();
    await ana.disconnect();
    await waitFor(() => storage.released.includes(incident), 'the idle room released');

    // Ben joins the room after it left memory: the hub reloads it and he gets the whole history.
    const ben = await makePeer('ben');
    peers.push(ben);
    ben.connect(hub.hub.url, incident, await hub.invite(incident, 'viewer'));
    await waitFor(
      async () => (await ben.warRoom.exists(incident)) && (await ben.warRoom.events(incident)).length === 3,
      'Ben has the history',
    );

    // Ana comes back: nothing is sent twice, her new entry reaches Ben, and the reloaded room knows her origin.
    const client = ana.connect(hub.hub.url, incident, editor);
    const again = await client.whenSynced();
    expect(again.sent).toBe(0);
    const late = await ana.warRoom.record(incident, 'note.added', { text: 'firewall config reset at 14:02' });
    if (!late.ok) throw new Error(late.error);
    await waitFor(async () => (await ben.warRoom.events(incident)).some((e) => e.id === late.value.id), 'the new note at Ben');
    expect((await ben.warRoom.state(incident)).title).toBe('Checkout failing for EU customers');
  });
});
