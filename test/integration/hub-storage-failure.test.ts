import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, errorAckSchema } from '../../src/sync/protocol.js';
import { eventHash } from '../../main/identity/event-signature.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

describe('a hub whose storage fails', () => {
  it('answers "unavailable", stores nothing, and the client retries until the write is acked', async () => {
    const storage = new MemoryHubStorage();
    hub = await startTestHub({ storage });
    const ana = await makePeer('ana');
    peers.push(ana);
    const opened = await ana.warRoom.createIncident({ title: 'Disk trouble' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const client = ana.connect(hub.hub.url, incident, await hub.invite(incident));
    await client.whenSynced();

    // A raw connection too, to read the hub's answer by hand below.
    const probe = rawSocket(hub.hub.url, signedAuth(ana.signer, await hub.invite(incident), incident));
    try {
      expect(await connectOutcome(probe)).toEqual({ connected: true });
      storage.failNext = new Error('disk full');
      const note = await ana.warRoom.record(incident, 'note.added', { text: 'written during a disk failure' });
      if (!note.ok) throw new Error(note.error);
      // The client's own push hit the failure; it reconnects and pushes again.
      await waitFor(() => storage.rooms.get(incident)?.some((e) => e.id === note.value.id) === true, 'the retried write on the hub');
      await waitFor(() => client.status().state === 'connected' && client.status().unsynced === 0, 'ana synced again');
      expect(storage.rooms.get(incident)!.filter((e) => e.id === note.value.id)).toHaveLength(1);

      storage.failNext = new Error('disk full');
      const second = (await ana.warRoom.events(incident))[1]!;
      const reply = errorAckSchema.parse(
        await probe.emitWithAck(CLIENT_EVENTS.push, {
          events: [ana.signer.signEvent({ ...second, id: 'e_probe0000001', seq: second.seq + 1 }, eventHash(second))],
        }),
      );
      expect(reply).toMatchObject({ ok: false, code: 'unavailable', error: 'the hub could not store this right now; retry later' });
      expect(storage.rooms.get(incident)!.some((e) => e.id === 'e_probe0000001')).toBe(false);
    } finally {
      probe.disconnect();
    }
  });
});
