import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { LIMITS } from '../../src/model/vocabulary.js';
import {
  CLIENT_EVENTS,
  errorAckSchema,
  HUB_EVENTS,
  hubErrorMessageSchema,
  pullAckSchema,
  pushAckSchema,
  type PushAck,
} from '../../src/sync/protocol.js';
import {
  canonical,
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  newSigner,
  rawSocket,
  readHubLog,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
  eventsOfPage,
} from '../helpers/hub-peers.js';
import { newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import type { Socket } from 'socket.io-client';
import type { HubSocket } from '../../main/sync/sync-client.js';

/**
 * One room with two honest teammates (ana, ben) and a connected editor, mallory, who misbehaves in every
 * way the protocol allows. After each test the hub must still serve ana and ben, and hold only their events.
 */
let hub: TestHub;
let ana: Peer;
let ben: Peer;
let incident: string;
let mallory: HubSocket;
let malKey: Signer;
let malOrigin: string;
let malActor: { id: string; name: string };
const sockets: HubSocket[] = [];

beforeEach(async () => {
  malKey = await newSigner();
  malOrigin = newOriginFor(malKey.key);
  malActor = { id: malKey.actorId, name: 'Mallory' };
  hub = await startTestHub();
  ana = await makePeer('ana');
  ben = await makePeer('ben');
  const opened = await ana.warRoom.createIncident({ title: 'Firewall reset' });
  if (!opened.ok) throw new Error(opened.error);
  incident = opened.value.incident;
  await ana.warRoom.record(incident, 'hypothesis.added', { text: 'primary firewall reset its configuration' });
  await ana.connect(hub.hub.url, incident, await hub.invite(incident)).whenSynced();
  await ben.connect(hub.hub.url, incident, await hub.invite(incident)).whenSynced();
  mallory = rawSocket(hub.hub.url, signedAuth(malKey, await hub.invite(incident), incident, 'Mallory'));
  sockets.push(mallory);
  expect(await connectOutcome(mallory)).toEqual({ connected: true });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await ana.close();
  await ben.close();
  await hub.close();
  await cleanupTempDirs();
});

/** A valid event authored (and signed) by mallory; tests then break one thing in it. */
function malEvent(overrides: Partial<Record<keyof WarEvent, unknown>> = {}, seq = 1): Record<string, unknown> {
  return malKey.signEvent(unsignedMalEvent(overrides, seq) as unknown as WarEvent, undefined) as unknown as Record<string, unknown>;
}

function unsignedMalEvent(overrides: Partial<Record<keyof WarEvent, unknown>>, seq: number): Record<string, unknown> {
  return {
    v: 1,
    id: `e_mallory${String(seq).padStart(5, '0')}`,
    incident,
    origin: malOrigin,
    seq,
    at: { ms: Date.now(), c: 0 },
    actor: malActor,
    kind: 'note.added',
    data: { text: 'hello from mallory' },
    ...overrides,
  };
}

async function push(socket: HubSocket, events: unknown[]): Promise<PushAck> {
  return pushAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.push, { events }));
}

/** The hub still works for honest peers, and holds exactly the honest events (plus any listed). */
async function expectHubHealthy(extra: string[] = []): Promise<void> {
  const r = await ben.warRoom.record(incident, 'note.added', { text: `still here ${Math.random()}` });
  if (!r.ok) throw new Error(r.error);
  await waitFor(async () => (await ana.warRoom.events(incident)).some((e) => e.id === r.value.id), "ben's note reaching ana");
  // Ana can have it while the hub's fsync still runs (it relays first): wait for the hub's log to hold it.
  await waitFor(async () => (await readHubLog(hub.dataDir, incident)).some((e) => e.id === r.value.id), "ben's note on the hub's disk");
  const stored = await readHubLog(hub.dataDir, incident);
  const honest = (await ana.warRoom.events(incident)).filter((e) => e.actor.id !== malActor.id);
  expect(canonical(stored.filter((e) => !extra.includes(e.id)))).toEqual(canonical(honest));
  expect(
    stored
      .filter((e) => e.actor.id === malActor.id)
      .map((e) => e.id)
      .sort(),
  ).toEqual([...extra].sort());
  expect(await readHubLog(hub.dataDir, 'inc_elsewhere01')).toEqual([]);
}

describe('the hub refuses bad input with a reason and stores nothing of it', () => {
  it('accepts a valid event from mallory (the baseline the other cases break)', async () => {
    const ack = await push(mallory, [malEvent()]);
    expect(ack).toMatchObject({ stored: ['e_mallory00001'], refused: [] });
    await expectHubHealthy(['e_mallory00001']);
  });

  it('refuses an event posted under another actor', async () => {
    const ack = await push(mallory, [malEvent({ actor: ana.actor })]);
    expect(ack.stored).toEqual([]);
    expect(ack.refused).toEqual([expect.objectContaining({ index: 0, code: 'forged-actor' })]);
    expect(ack.refused[0]!.reason).toContain('post as yourself');
    await expectHubHealthy();
  });

  it('refuses an event under an origin that belongs to someone else, also after a hub restart', async () => {
    const anaOrigin = ana.warRoom.origin;
    const ack = await push(mallory, [malEvent({ origin: anaOrigin, seq: 99 })]);
    // Origins derive from keys: Ana's is not Mallory's to write under.
    expect(ack.refused).toEqual([expect.objectContaining({ code: 'bad-origin' })]);

    // Ownership is rebuilt from the stored log: restart the hub on the same data dir.
    const port = hub.hub.port;
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, port });
    const again = rawSocket(hub.hub.url, signedAuth(malKey, await hub.invite(incident), incident, 'Mallory'));
    sockets.push(again);
    expect(await connectOutcome(again)).toEqual({ connected: true });
    const second = await push(again, [malEvent({ origin: anaOrigin, seq: 100 }, 2)]);
    expect(second.refused).toEqual([expect.objectContaining({ code: 'bad-origin' })]);
    await waitFor(
      () => ana.client!.status().state === 'connected' && ben.client!.status().state === 'connected',
      'peers back on the restarted hub',
    );
    await expectHubHealthy();
  });

  it('refuses a second event claiming an (origin, seq) already taken', async () => {
    expect((await push(mallory, [malEvent()])).stored).toHaveLength(1);
    const ack = await push(mallory, [malEvent({ id: 'e_malloryother1' })]);
    expect(ack.refused).toEqual([expect.objectContaining({ code: 'seq-conflict' })]);
    await expectHubHealthy(['e_mallory00001']);
  });

  it('refuses malformed events, one reason each, and keeps the valid ones of the batch', async () => {
    const ack = await push(mallory, [
      'not an event',
      null,
      malEvent({ kind: 'root.granted' }, 2),
      malEvent({ data: { text: '' } }, 3),
      malEvent({ data: { text: 'x', admin: true } }, 4),
      malEvent({ v: 2 }, 5),
      malEvent({ id: '__proto__' }, 6),
      malEvent({ incident: 'inc_elsewhere01' }, 7),
      malEvent({ at: { ms: Date.now() + 24 * 3_600_000, c: 0 } }, 8),
      malEvent({}, 1),
    ]);
    expect(ack.stored).toEqual(['e_mallory00001']);
    expect(ack.refused.map((r) => [r.index, r.code])).toEqual([
      [0, 'invalid'],
      [1, 'invalid'],
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'wrong-incident'],
      [8, 'future'],
    ]);
    expect(ack.refused[2]!.reason).toContain('unknown event kind');
    expect(ack.refused[8]!.reason).toContain('ahead of the hub');
    await expectHubHealthy(['e_mallory00001']);
  });

  it('refuses malformed messages as a whole', async () => {
    const bad: unknown[] = [
      undefined,
      'events',
      { events: 'all' },
      { events: [] },
      { events: new Array(501).fill(malEvent()) },
      { events: [malEvent()], extra: 1 },
    ];
    for (const payload of bad) {
      const reply = errorAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.push, payload));
      expect(reply.code).toBe('bad-request');
    }
    const badPull = errorAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.pull, { vector: { __proto__: 1, o_x1: -1 } }));
    expect(badPull.code).toBe('bad-request');
    const twoArgs = errorAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }, 'extra'));
    expect(twoArgs.error).toContain('exactly one payload');
    const noAck = new Promise<unknown>((resolve) => mallory.once(HUB_EVENTS.error, resolve));
    mallory.emit(CLIENT_EVENTS.push, { events: [malEvent()] });
    expect(hubErrorMessageSchema.parse(await noAck).error).toContain('needs an acknowledgement');
    await expectHubHealthy();
  });

  it('refuses an event over the per-event size limit', async () => {
    const ack = await push(mallory, [malEvent({ data: { text: 'x'.repeat(LIMITS.eventBytes) } })]);
    expect(ack.refused).toEqual([expect.objectContaining({ code: 'too-large' })]);
    await expectHubHealthy();
  });

  it('drops a connection that sends a message over the size limit, and serves the others', async () => {
    const gone = new Promise<string>((resolve) => mallory.once('disconnect', resolve));
    mallory.emit(CLIENT_EVENTS.push, { events: [malEvent({ data: { text: 'x'.repeat(1_200_000) } })] }, () => undefined);
    expect(await gone).toMatch(/transport/);
    await expectHubHealthy();
  });

  it('answers unknown event names with an error and ignores them', async () => {
    const loose = mallory as unknown as Socket;
    const withAck = errorAckSchema.parse(await loose.emitWithAck('admin:drop-room', { room: incident }));
    expect(withAck).toMatchObject({ code: 'unknown-event' });
    expect(withAck.error).toContain('admin:drop-room');

    const told = new Promise<unknown>((resolve) => mallory.once(HUB_EVENTS.error, resolve));
    loose.emit('sync:events', { events: [malEvent()] });
    expect(hubErrorMessageSchema.parse(await told)).toMatchObject({ code: 'unknown-event', event: 'sync:events' });

    // "error" is special to Node's EventEmitter: emitting it must not bring the hub down.
    loose.emit('error', { message: 'boom' });
    const ok = pullAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
    expect(ok.ok).toBe(true);
    await expectHubHealthy();
  });

  it('keeps a misbehaving peer inside its own room', async () => {
    const other = await makePeer('olga');
    try {
      const opened = await other.warRoom.createIncident({ title: 'Another incident' });
      if (!opened.ok) throw new Error(opened.error);
      const otherRoom = opened.value.incident;
      const client = other.connect(hub.hub.url, otherRoom, await hub.invite(otherRoom));
      await client.whenSynced();
      const seen: unknown[] = [];
      other.warRoom.onEvents((_i, events, source) => source === 'remote' && seen.push(...events));

      const ack = await push(mallory, [malEvent({ incident: otherRoom }), malEvent({}, 1)]);
      expect(ack.refused).toEqual([expect.objectContaining({ code: 'wrong-incident' })]);
      const page = pullAckSchema.parse(await mallory.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
      expect(eventsOfPage(page).every((e) => e.incident === incident)).toBe(true);
      await expectHubHealthy(['e_mallory00001']);
      expect(seen).toEqual([]);
      expect((await other.warRoom.events(otherRoom)).length).toBe(1);
    } finally {
      await other.close();
    }
  });
});
