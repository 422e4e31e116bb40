import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { CLIENT_EVENTS, pullAckSchema, pushAckSchema } from '../../src/sync/protocol.js';
import { SyncClient } from '../../main/sync/sync-client.js';
import { vectorOf } from '../../src/sync/version-vector.js';
import {
  canonical,
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  rawSocket,
  readHubLog,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
  eventsOfPage,
} from '../helpers/hub-peers.js';

let hub: TestHub | null = null;
let peers: Peer[] = [];

afterEach(async () => {
  await Promise.all(peers.map((p) => p.close()));
  peers = [];
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

async function setup(names: string[]): Promise<{ hub: TestHub; peers: Peer[]; incident: string }> {
  hub = await startTestHub();
  peers = await Promise.all(names.map((n) => makePeer(n)));
  const opened = await peers[0]!.warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
  if (!opened.ok) throw new Error(opened.error);
  return { hub, peers, incident: opened.value.incident };
}

const count = async (p: Peer, incident: string): Promise<number> => (await p.warRoom.events(incident)).length;
const note = async (p: Peer, incident: string, text: string): Promise<WarEvent> => {
  const r = await p.warRoom.record(incident, 'note.added', { text });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const hubEvents = (h: TestHub, incident: string): Promise<WarEvent[]> => readHubLog(h.dataDir, incident);

describe('live sync through a real hub', () => {
  it('delivers each entry to every other peer, with presence and status', async () => {
    const { hub, peers, incident } = await setup(['ana', 'ben', 'cho']);
    const [ana, ben, cho] = peers as [Peer, Peer, Peer];
    for (const p of peers) p.connect(hub.hub.url, incident, await hub.invite(incident));
    await waitFor(
      async () => (await count(ben, incident)) === 1 && (await count(cho, incident)) === 1,
      'the incident to reach ben and cho',
    );

    const fromAna = await note(ana, incident, 'primary database stalled while replicating to its replicas');
    await waitFor(async () => (await ben.warRoom.state(incident)).notes.includes(fromAna.id), "ana's note at ben");
    await waitFor(async () => (await cho.warRoom.state(incident)).notes.includes(fromAna.id), "ana's note at cho");
    const fromBen = await note(ben, incident, 'IP address conflict on the private network');
    await waitFor(async () => (await ana.warRoom.events(incident)).some((e) => e.id === fromBen.id), "ben's note at ana");
    await waitFor(async () => (await cho.warRoom.events(incident)).some((e) => e.id === fromBen.id), "ben's note at cho");

    await waitFor(
      () => peers.every((p) => p.client!.status().state === 'connected' && p.client!.status().unsynced === 0),
      'all peers synced',
    );
    await waitFor(() => ana.client!.status().peers.length === 2, 'presence at ana');
    expect(
      ana
        .client!.status()
        .peers.map((p) => p.name)
        .sort(),
    ).toEqual(['ben', 'cho']);
    expect(ana.client!.status().lastSyncedAt).not.toBeNull();

    await cho.disconnect();
    await waitFor(() => ana.client!.status().peers.length === 1, 'cho leaving the room at ana');
    expect(ana.client!.status().peers[0]!.name).toBe('ben');
  });

  it('gives a late joiner the whole history while everyone else is offline', async () => {
    const { hub, peers, incident } = await setup(['ana', 'ben']);
    const [ana, ben] = peers as [Peer, Peer];
    ana.connect(hub.hub.url, incident, await hub.invite(incident));
    ben.connect(hub.hub.url, incident, await hub.invite(incident));
    await waitFor(async () => (await count(ben, incident)) === 1, 'the incident at ben');
    for (let i = 0; i < 15; i++) {
      await note(ana, incident, `ana ${i}`);
      await note(ben, incident, `ben ${i}`);
    }
    await waitFor(() => ana.client!.status().unsynced === 0 && ben.client!.status().unsynced === 0, 'both synced');
    await ana.disconnect();
    await ben.disconnect();

    const dee = await makePeer('dee');
    peers.push(dee);
    expect(await dee.warRoom.exists(incident)).toBe(false);
    dee.connect(hub.hub.url, incident, await hub.invite(incident, 'viewer'));
    const totals = await dee.client!.whenSynced();
    expect(totals.received).toBe(31);
    expect(await dee.warRoom.exists(incident)).toBe(true);
    expect(canonical(await dee.warRoom.events(incident))).toEqual(canonical(await ana.warRoom.events(incident)));
    expect(canonical(await hubEvents(hub, incident))).toEqual(canonical(await ben.warRoom.events(incident)));
    expect((await dee.warRoom.state(incident)).title).toBe('Checkout failing');
  });

  it('catches up both ways after a peer was offline while others wrote', async () => {
    const { hub, peers, incident } = await setup(['ana', 'ben']);
    const [ana, ben] = peers as [Peer, Peer];
    const tokenB = await hub.invite(incident);
    ana.connect(hub.hub.url, incident, await hub.invite(incident));
    ben.connect(hub.hub.url, incident, tokenB);
    await waitFor(async () => (await count(ben, incident)) === 1, 'the incident at ben');
    await ben.disconnect();

    for (let i = 0; i < 5; i++) await note(ana, incident, `online ${i}`);
    for (let i = 0; i < 4; i++) await note(ben, incident, `offline ${i}`);
    await waitFor(() => ana.client!.status().unsynced === 0, 'ana synced');
    expect(await count(ben, incident)).toBe(5);

    const client = ben.connect(hub.hub.url, incident, tokenB);
    // Before the first exchange nothing of ben's is known to be on the hub.
    await waitFor(() => client.status().unsynced >= 4 || client.status().state === 'connected', 'ben counting his unsynced entries');
    const totals = await client.whenSynced();
    expect(totals).toMatchObject({ sent: 4, received: 5, refused: 0, unsynced: 0 });
    await waitFor(async () => (await count(ana, incident)) === 10, "ben's entries at ana");
    expect(canonical(await ana.warRoom.events(incident))).toEqual(canonical(await ben.warRoom.events(incident)));
    expect(canonical(await hubEvents(hub, incident))).toEqual(canonical(await ana.warRoom.events(incident)));
  });

  it('shows offline and unsynced while the hub is down, then sends the backlog in order', async () => {
    const { hub: first, peers, incident } = await setup(['ana']);
    const [ana] = peers as [Peer];
    const client = ana.connect(first.hub.url, incident, await first.invite(incident));
    const states: string[] = [];
    client.onStatus((s) => states.push(s.state));
    await client.whenSynced();
    const syncedAt = client.status().lastSyncedAt;
    expect(syncedAt).not.toBeNull();

    const port = first.hub.port;
    await first.close();
    await waitFor(() => client.status().state === 'offline', 'ana to see the hub gone');
    for (let i = 0; i < 5; i++) await note(ana, incident, `while the hub is down ${i}`);
    await waitFor(() => client.status().unsynced === 5, 'five unsynced entries');
    expect(client.status().lastSyncedAt).toBe(syncedAt);

    // An app restarted offline, given the hub vector it saved, counts only what the hub never acknowledged.
    const restarted = new SyncClient({
      warRoom: ana.warRoom,
      incident,
      hubUrl: first.hub.url,
      token: 'unused',
      hubVectorHint: client.hubVector(),
    });
    const cold = new SyncClient({ warRoom: ana.warRoom, incident, hubUrl: first.hub.url, token: 'unused' });
    restarted.start();
    cold.start();
    await waitFor(() => restarted.status().unsynced === 5 && cold.status().unsynced === 6, 'the unsynced counts of restarted clients');
    await restarted.stop();
    await cold.stop();

    hub = await startTestHub({ dataDir: first.dataDir, port });
    await waitFor(() => client.status().state === 'connected' && client.status().unsynced === 0, 'the backlog to go out');
    expect(states).toEqual(expect.arrayContaining(['connecting', 'connected', 'offline']));
    const onHub = (await hubEvents(hub, incident)).filter((e) => e.origin === ana.warRoom.origin).map((e) => e.seq);
    expect(onHub).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is unchanged by duplicate and reordered delivery, to the hub and to a peer', async () => {
    const { hub, peers, incident } = await setup(['ana', 'xan']);
    const [ana, xan] = peers as [Peer, Peer];
    ana.connect(hub.hub.url, incident, await hub.invite(incident));
    await waitFor(() => ana.client!.status().state === 'connected' && ana.client!.status().unsynced === 0, 'ana synced');

    // xan writes offline (after getting the incident), then delivers by hand: reversed, every event twice.
    const opened = (await ana.warRoom.events(incident))[0]!;
    await xan.warRoom.ingest(incident, [opened]);
    for (let i = 0; i < 12; i++) await note(xan, incident, `xan ${i}`);
    const written = (await xan.warRoom.events(incident)).filter((e) => e.actor.id === xan.actor.id);
    const socket = rawSocket(hub.hub.url, signedAuth(xan.signer, await hub.invite(incident), incident, xan.name));
    try {
      expect(await connectOutcome(socket)).toEqual({ connected: true });
      const reversed = [...written].reverse();
      const messy = [...reversed.slice(0, 6), ...reversed.slice(0, 6), ...reversed.slice(6), reversed[0]!];
      const first = pushAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.push, { events: messy }));
      expect(first.stored).toHaveLength(12);
      expect(first.duplicates).toHaveLength(7);
      expect(first.vector[xan.warRoom.origin]).toBe(12);
      const again = pushAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.push, { events: written }));
      expect(again).toMatchObject({ stored: [], refused: [] });
      expect(again.duplicates).toHaveLength(12);

      const page = pullAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
      expect(eventsOfPage(page)).toHaveLength(13);
      expect(page.next).toBeNull();
    } finally {
      socket.disconnect();
    }

    await waitFor(async () => (await count(ana, incident)) === 13, "xan's entries at ana");
    expect(canonical(await ana.warRoom.events(incident))).toEqual(canonical(await xan.warRoom.events(incident)));
    expect(canonical(await hubEvents(hub, incident))).toEqual(canonical(await xan.warRoom.events(incident)));

    // The same events again, shuffled and doubled, straight into a peer: nothing changes.
    const before = fold(await ana.warRoom.events(incident));
    const shuffled = [...written, ...written].sort((a, b) => (a.id < b.id ? 1 : -1));
    const result = await ana.warRoom.ingest(incident, shuffled);
    expect(result.ok && result.value.added).toEqual([]);
    expect(fold(await ana.warRoom.events(incident))).toEqual(before);
    expect(vectorOf(await ana.warRoom.events(incident))).toEqual(vectorOf(await xan.warRoom.events(incident)));
  });
});
