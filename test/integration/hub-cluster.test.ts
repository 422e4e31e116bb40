import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { CLIENT_EVENTS, pushAckSchema } from '../../src/sync/protocol.js';
import { forkedNotes } from '../helpers/signed-writer.js';
import type { HubSocket } from '../../main/sync/sync-client.js';
import { clusterInvite, clusterLog, clusterRevoke } from '../helpers/hub-cluster.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  newSigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from '../helpers/real-servers.js';

// Two hubs in one process, on one real Postgres and one real Redis (started here, on 127.0.0.1): a team split
// across them must see one room.

let postgres: PostgresServer;
let redis: RedisServer;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres({ fsync: false }), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

const hubs: TestHub[] = [];
const peers: Peer[] = [];
const sockets: HubSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await cleanupTempDirs();
});

async function twoHubs(): Promise<{ url: string; a: TestHub; b: TestHub }> {
  const url = await postgres.newDatabase();
  const cluster = { storage: url, redis: redis.url };
  const a = await startTestHub({ cluster, presenceIntervalMs: 50 });
  const b = await startTestHub({ cluster, presenceIntervalMs: 50 });
  hubs.push(a, b);
  return { url, a, b };
}

async function peer(name: string): Promise<Peer> {
  const p = await makePeer(name);
  peers.push(p);
  return p;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('several hubs on one Postgres and one Redis', () => {
  it('a teammate on hub B sees what one on hub A writes, live, in one order both hubs sign, and each sees the other in the room', async () => {
    const { url, a, b } = await twoHubs();
    const [ana, ben] = [await peer('Ana'), await peer('Ben')];
    const incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' })).incident;
    const token = await clusterInvite(url, incident);
    await ana.connect(a.hub.url, incident, token).whenSynced();
    await ben.connect(b.hub.url, incident, token).whenSynced();

    const note = must(await ana.warRoom.record(incident, 'note.added', { text: 'failover started 14:05' }));
    const hypothesis = must(await ben.warRoom.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating' }));
    await waitFor(async () => (await ben.warRoom.events(incident)).some((e) => e.id === note.id), 'Ben (hub B) to see Ana’s note');
    await waitFor(
      async () => (await ana.warRoom.events(incident)).some((e) => e.id === hypothesis.id),
      'Ana (hub A) to see Ben’s hypothesis',
    );
    const stored = await clusterLog(url, incident);
    await waitFor(
      async () =>
        (await ana.warRoom.orderPosition(incident)) === stored.length && (await ben.warRoom.orderPosition(incident)) === stored.length,
      'both to hold every position',
    );
    expect((await ana.warRoom.events(incident)).map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect((await ben.warRoom.events(incident)).map((e) => e.id)).toEqual(stored.map((e) => e.id));
    // Both hubs speak with the one key in the database: each peer holds the other's head as its own.
    expect((await ana.warRoom.latestHead(incident))?.hub).toBe((await ben.warRoom.latestHead(incident))?.hub);

    await waitFor(() => ana.client!.status().peers.some((p) => p.name === 'Ben'), 'Ana to see Ben (on the other hub) in the room');
    await waitFor(() => ben.client!.status().peers.some((p) => p.name === 'Ana'), 'Ben to see Ana (on the other hub) in the room');
    await ben.disconnect();
    await waitFor(() => !ana.client!.status().peers.some((p) => p.name === 'Ben'), 'Ana to see Ben leave');
  });

  it('while Redis is down, teammates on the same hub still see each other live; the one on the other hub gets it when Redis is back', async () => {
    const { url, a, b } = await twoHubs();
    const [ana, cy, ben] = [await peer('Ana'), await peer('Cy'), await peer('Ben')];
    const incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' })).incident;
    const token = await clusterInvite(url, incident);
    for (const [p, hub] of [
      [ana, a],
      [cy, a],
      [ben, b],
    ] as const)
      await p.connect(hub.hub.url, incident, token).whenSynced();
    const cyGot = new Map<string, string>();
    cy.warRoom.onEvents((_i, events, source) => events.forEach((e) => cyGot.set(e.id, source)));

    await redis.kill();
    try {
      const note = must(await ana.warRoom.record(incident, 'note.added', { text: 'Redis is down; failing over the cache' }));
      await waitFor(() => cyGot.has(note.id), 'Cy (hub A, like Ana) to get Ana’s note');
      // Relayed by hub A as it stored it, not pulled later when the room's position came round.
      expect(cyGot.get(note.id)).toBe('remote');
      await redis.restart();
      await waitFor(
        async () => (await ben.warRoom.events(incident)).some((e) => e.id === note.id),
        'Ben (hub B) to get it once Redis is back',
        30_000,
      );
    } finally {
      await redis.restart().catch(() => undefined);
    }
  });

  it('a teammate whose link names both hubs moves to the other when hers stops, and nothing she wrote meanwhile is lost', async () => {
    const { url, a, b } = await twoHubs();
    const [ana, ben] = [await peer('Ana'), await peer('Ben')];
    const incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' })).incident;
    const token = await clusterInvite(url, incident);
    await ana.connect(a.hub.url, incident, token, { alternates: [b.hub.url] }).whenSynced();
    await ben.connect(b.hub.url, incident, token).whenSynced();
    hubs.splice(hubs.indexOf(a), 1);
    await a.close();
    const written: string[] = [];
    for (let i = 0; i < 5; i++)
      written.push(must(await ana.warRoom.record(incident, 'note.added', { text: `after hub A stopped ${i}` })).id);
    await waitFor(async () => {
      const held = new Set((await ben.warRoom.events(incident)).map((e) => e.id));
      return written.every((id) => held.has(id));
    }, 'Ben to get what Ana wrote after her hub stopped');
    await waitFor(
      () => ana.client!.status().state === 'connected' && ana.client!.status().unsynced === 0,
      'Ana to be connected (to hub B), all sent',
    );
    const stored = await clusterLog(url, incident);
    expect(stored.map((e) => e.id)).toEqual(expect.arrayContaining(written));
  });

  it('a revoked invite ends its connections on every hub', async () => {
    const { url, a, b } = await twoHubs();
    const cara = await newSigner();
    const incident = 'inc_revoke000001';
    const token = await clusterInvite(url, incident, 'viewer', 'i_cara000001');
    const onA = rawSocket(a.hub.url, signedAuth(cara, token, incident, 'Cara'));
    const onB = rawSocket(b.hub.url, signedAuth(cara, token, incident, 'Cara'));
    sockets.push(onA, onB);
    expect(await Promise.all([connectOutcome(onA), connectOutcome(onB)])).toEqual([{ connected: true }, { connected: true }]);
    await clusterRevoke(url, 'i_cara000001');
    await waitFor(() => !onA.connected && !onB.connected, 'both connections to end', 5_000);
    const again = rawSocket(b.hub.url, signedAuth(cara, token, incident, 'Cara'));
    sockets.push(again);
    expect(await connectOutcome(again)).toMatchObject({ connected: false, code: 'revoked-token' });
  });

  it('keeps one of a fork given to two hubs at once and refuses the other; the same event through the other hub is held already', async () => {
    const { url, a, b } = await twoHubs();
    const mallory = await newSigner();
    const opener = await peer('Ana');
    const incident = must(await opener.warRoom.createIncident({ title: 'Fork drill' })).incident;
    const token = await clusterInvite(url, incident);
    await opener.connect(a.hub.url, incident, token).whenSynced();
    const [left, right] = forkedNotes(mallory, incident, ['the database is fine', 'the database is down']);
    const push = async (url: string, e: WarEvent) => {
      const s = rawSocket(url, signedAuth(mallory, token, incident, 'Mallory'));
      sockets.push(s);
      expect(await connectOutcome(s)).toEqual({ connected: true });
      return pushAckSchema.parse(await s.timeout(10_000).emitWithAck(CLIENT_EVENTS.push, { events: [e] }));
    };
    const [viaA, viaB] = await Promise.all([push(a.hub.url, left), push(b.hub.url, right)]);
    expect(viaA.stored.length + viaB.stored.length).toBe(1);
    expect([...viaA.refused, ...viaB.refused].map((r) => r.code)).toEqual(['seq-conflict']);
    const kept = viaA.stored.length ? left : right;
    const again = await push(viaA.stored.length ? b.hub.url : a.hub.url, kept);
    expect(again).toMatchObject({ stored: [], duplicates: [kept.id], refused: [] });
    expect((await clusterLog(url, incident)).filter((e) => e.origin === left.origin).map((e) => e.id)).toEqual([kept.id]);
  });
});
