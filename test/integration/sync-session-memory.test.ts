import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { warRoomPort } from '../../main/sync/war-room-port.js';
import { SyncSession } from '../../main/sync/sync-session.js';
import { cleanupTempDirs, tempDir, waitFor } from '../helpers/hub-peers.js';
import { MemoryHub, type MemoryTransport } from '../helpers/memory-transport.js';

afterEach(cleanupTempDirs);

interface MemoryPeer {
  warRoom: WarRoom;
  transport: MemoryTransport;
  session: SyncSession;
}

async function peer(hub: MemoryHub, name: string, repeat = false): Promise<MemoryPeer> {
  const dir = await tempDir(`warroom-mem-${name}-`);
  const signer = (await loadOrCreateSigner(dir))!;
  const actor = { id: signer.actorId, name };
  const warRoom = new WarRoom({ store: new IncidentLogStore(join(dir, 'incidents')), actor: () => actor, signer });
  const transport = hub.transport(actor, signer.key, { repeat });
  const session = new SyncSession({ port: warRoomPort(warRoom, hub.incident), transport, hubUrl: 'memory://hub', ackTimeoutMs: 5_000 });
  return { warRoom, transport, session };
}

const ids = async (p: MemoryPeer, incident: string): Promise<string[]> => (await p.warRoom.events(incident)).map((e) => e.id).sort();

describe('the sync session over an in-memory transport (no sockets)', () => {
  it('two teammates converge: live writes, one of them offline for a while, every message delivered twice', async () => {
    const author = await (async () => {
      const dir = await tempDir('warroom-mem-author-');
      const signer = (await loadOrCreateSigner(dir))!;
      return { dir, signer };
    })();
    const anaRoom = new WarRoom({
      store: new IncidentLogStore(join(author.dir, 'incidents')),
      actor: () => ({ id: author.signer.actorId, name: 'Ana' }),
      signer: author.signer,
    });
    const opened = await anaRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV2' });
    expect(opened.ok).toBe(true);
    const incident = opened.ok ? opened.value.incident : '';
    const hub = new MemoryHub(incident);
    const anaTransport = hub.transport({ id: author.signer.actorId, name: 'Ana' }, author.signer.key, { repeat: true });
    const ana: MemoryPeer = {
      warRoom: anaRoom,
      transport: anaTransport,
      session: new SyncSession({ port: warRoomPort(anaRoom, incident), transport: anaTransport, hubUrl: 'memory://hub' }),
    };
    const bob = await peer(hub, 'Bob', true);
    ana.session.start();
    await ana.session.whenSynced(5_000);
    bob.session.start();
    const firstRun = await bob.session.whenSynced(5_000);
    expect(firstRun.received).toBe(1);

    await ana.warRoom.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating' });
    await waitFor(async () => (await ids(bob, incident)).length === 2, 'Bob to hear Ana live');

    bob.transport.goOffline();
    for (const text of ['IP address conflict on the private network', 'firewall reset its configuration', 'replica lag 40 s'])
      expect((await bob.warRoom.record(incident, 'note.added', { text })).ok).toBe(true);
    await ana.warRoom.record(incident, 'note.added', { text: 'error rate back to 0.1%' });
    expect(bob.session.status().state).toBe('offline');
    expect(bob.session.status().unsynced).toBe(3);

    bob.transport.goOnline();
    await bob.session.whenSynced(5_000);
    await waitFor(async () => (await ids(ana, incident)).length === 6, 'Ana to have Bob’s offline notes');
    expect(await ids(bob, incident)).toEqual(await ids(ana, incident));
    // Every relayed message came twice; nothing was stored twice.
    expect((await bob.warRoom.events(incident)).length).toBe(6);
    expect(hub.storage.rooms.get(incident)).toHaveLength(6);
    expect(bob.session.status()).toMatchObject({ state: 'connected', unsynced: 0 });
    await Promise.all([ana.session.stop(), bob.session.stop()]);
  });

  it('pulls events whose positions came without them (a relay that lost its messages), with no reconnect', async () => {
    const dir = await tempDir('warroom-mem-writer-');
    const signer = (await loadOrCreateSigner(dir))!;
    const actor = { id: signer.actorId, name: 'Ana' };
    const anaRoom = new WarRoom({ store: new IncidentLogStore(join(dir, 'incidents')), actor: () => actor, signer });
    const opened = await anaRoom.createIncident({ title: 'Relay drill' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const hub = new MemoryHub(incident);
    const ana = new SyncSession({
      port: warRoomPort(anaRoom, incident),
      transport: hub.transport(actor, signer.key),
      hubUrl: 'memory://hub',
    });
    const ben = await peer(hub, 'Ben');
    ana.start();
    await ana.whenSynced(5_000);
    ben.session.start();
    await ben.session.whenSynced(5_000);
    hub.dropRelayedEvents = true;
    const note = await anaRoom.record(incident, 'note.added', { text: 'only its position is relayed' });
    if (!note.ok) throw new Error(note.error);
    await waitFor(
      async () => (await ben.warRoom.events(incident)).some((e) => e.id === note.value.id),
      'Ben to pull the note whose position alone reached him',
      8_000,
    );
    await waitFor(async () => (await ben.warRoom.orderPosition(incident)) === 2, 'the note to settle at position 2 for Ben');
    expect(ben.session.status().state).toBe('connected');
    await Promise.all([ana.stop(), ben.session.stop()]);
  });

  it('with the network down nothing syncs and the caller hears so; once it is back the session catches up by itself', async () => {
    const dir = await tempDir('warroom-mem-solo-');
    const signer = (await loadOrCreateSigner(dir))!;
    const room = new WarRoom({
      store: new IncidentLogStore(join(dir, 'incidents')),
      actor: () => ({ id: signer.actorId, name: 'Cy' }),
      signer,
    });
    const opened = await room.createIncident({ title: 'Logins slow', severity: 'SEV3' });
    const incident = opened.ok ? opened.value.incident : '';
    const hub = new MemoryHub(incident);
    const transport = hub.transport({ id: signer.actorId, name: 'Cy' }, signer.key);
    const session = new SyncSession({ port: warRoomPort(room, incident), transport, hubUrl: 'memory://hub' });
    transport.goOffline();
    session.start();
    await room.record(incident, 'note.added', { text: 'written before any connection' });
    await expect(session.whenSynced(200)).rejects.toThrow(/could not sync with memory:\/\/hub within 0 s/);
    transport.goOnline();
    await session.whenSynced(5_000);
    expect(hub.storage.rooms.get(incident)?.map((e) => e.kind)).toEqual(['incident.opened', 'note.added']);
    await session.stop();
  });
});
