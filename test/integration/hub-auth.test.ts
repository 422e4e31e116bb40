import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, errorAckSchema, pullAckSchema } from '../../src/sync/protocol.js';
import { FileHubStorage } from '../../main/hub/hub-storage.js';
import { signInvite } from '../../main/hub/invite-token.js';
import type { Signer } from '../../main/identity/event-signature.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  mintInvite,
  newSigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
  eventsOfPage,
} from '../helpers/hub-peers.js';

const ROOM = 'inc_room000001';
const OTHER = 'inc_room000002';
const actor = { id: 'u_tester0001', name: 'Tess' };
let tess: Signer;
let other: Signer;
beforeAll(async () => {
  tess = await newSigner();
  other = await newSigner();
});
/** Tess's handshake: her key, and proof she holds it. */
const auth = (token: string, incident: string) => signedAuth(tess, token, incident, 'Tess');

let hub: TestHub | null = null;
const sockets: { disconnect(): unknown }[] = [];
const peers: Peer[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

function open(auth: unknown) {
  const s = rawSocket(hub!.hub.url, auth);
  sockets.push(s);
  return s;
}

/** A well-behaved teammate in the same room: proves the hub keeps serving while others are refused. */
async function healthyPeer(h: TestHub): Promise<Peer> {
  const peer = await makePeer('ok');
  peers.push(peer);
  const opened = await peer.warRoom.createIncident({ title: 'Still serving' });
  if (!opened.ok) throw new Error(opened.error);
  const incident = opened.value.incident;
  const client = peer.connect(h.hub.url, incident, await h.invite(incident));
  expect(await client.whenSynced()).toMatchObject({ sent: 1, refused: 0 });
  return peer;
}

async function storedRooms(h: TestHub): Promise<string[]> {
  const storage = new FileHubStorage(h.dataDir);
  try {
    return await storage.listRooms();
  } finally {
    await storage.close();
  }
}

describe('hub handshake: who may connect', () => {
  it('refuses a connection without a token, with a reason', async () => {
    hub = await startTestHub();
    const out = await connectOutcome(open({ incident: ROOM, actor }));
    expect(out).toMatchObject({ connected: false, code: 'no-token' });
    expect(out.connected === false && out.message).toContain('no invite token');
    await healthyPeer(hub);
  });

  it('refuses a token signed by another hub and a garbled one', async () => {
    hub = await startTestHub();
    const foreign = signInvite(randomBytes(32), { room: ROOM, role: 'editor', exp: Date.now() + 60_000 });
    const out = await connectOutcome(open(auth(foreign, ROOM)));
    expect(out).toMatchObject({ connected: false, code: 'bad-token' });
    expect(out.connected === false && out.message).toContain('not issued by this hub');
    const garbled = await connectOutcome(open(auth('hello', ROOM)));
    expect(garbled).toMatchObject({ connected: false, code: 'bad-token' });
    await healthyPeer(hub);
    expect(await storedRooms(hub)).not.toContain(ROOM);
  });

  it('refuses an expired token', async () => {
    hub = await startTestHub();
    const expired = await mintInvite(hub.dataDir, ROOM, 'editor', Date.now() - 1_000);
    const out = await connectOutcome(open(auth(expired, ROOM)));
    expect(out).toMatchObject({ connected: false, code: 'expired-token' });
    expect(out.connected === false && out.message).toMatch(/expired at \d{4}-/);
    await healthyPeer(hub);
  });

  it('refuses a token for another room', async () => {
    hub = await startTestHub();
    const out = await connectOutcome(open(auth(await hub.invite(OTHER), ROOM)));
    expect(out).toMatchObject({ connected: false, code: 'wrong-room' });
    expect(out.connected === false && out.message).toContain(`for incident ${OTHER}, not ${ROOM}`);
    await healthyPeer(hub);
  });

  it('refuses a malformed handshake (no actor, bad incident id)', async () => {
    hub = await startTestHub();
    const token = await hub.invite(ROOM);
    expect(await connectOutcome(open({ token, incident: ROOM }))).toMatchObject({ connected: false, code: 'bad-handshake' });
    expect(await connectOutcome(open({ token, incident: '../etc', actor }))).toMatchObject({ connected: false, code: 'bad-handshake' });
    await healthyPeer(hub);
  });

  it("refuses a connection that names a key it cannot prove, or an actor id that is not its key's", async () => {
    hub = await startTestHub();
    const token = await hub.invite(ROOM);
    // Mallory names Tess's key and id (both public, seen in every event) but signs with her own key.
    const borrowed = signedAuth(tess, token, ROOM, 'Tess', (a, challenge) => ({ ...a, proof: other.handshakeProof(ROOM, challenge) }));
    const out = await connectOutcome(open(borrowed));
    expect(out).toMatchObject({ connected: false, code: 'bad-key' });
    expect(out.connected === false && out.message).toContain('does not hold the key');
    // Her own key, but Tess's actor id.
    const declared = signedAuth(other, token, ROOM, 'Tess', (a) => ({ ...a, actor: { id: tess.actorId, name: 'Tess' } }));
    expect(await connectOutcome(open(declared))).toMatchObject({ connected: false, code: 'bad-key' });
    // A proof made for another room does not open this one.
    const moved = signedAuth(tess, token, ROOM, 'Tess', (a, challenge) => ({ ...a, proof: tess.handshakeProof(OTHER, challenge) }));
    expect(await connectOutcome(open(moved))).toMatchObject({ connected: false, code: 'bad-key' });
    expect(await connectOutcome(open(auth(token, ROOM)))).toEqual({ connected: true });
    await healthyPeer(hub);
  });

  it('a sync client reports the refusal in its status and stops retrying', async () => {
    hub = await startTestHub();
    const peer = await makePeer('late');
    peers.push(peer);
    const expired = await mintInvite(hub.dataDir, ROOM, 'editor', Date.now() - 1);
    const client = peer.connect(hub.hub.url, ROOM, expired);
    await expect(client.whenSynced()).rejects.toThrow(/expired/);
    expect(client.status()).toMatchObject({ state: 'offline' });
    expect(client.status().error).toMatch(/expired/);
  });
});

describe('hub roles and token lifetime', () => {
  it('lets a viewer read but not write, and stores nothing from it', async () => {
    hub = await startTestHub();
    const writer = await healthyPeer(hub);
    const incident = (await writer.warRoom.listIncidents())[0]!.id;
    const viewer = open(auth(await hub.invite(incident, 'viewer'), incident));
    expect(await connectOutcome(viewer)).toEqual({ connected: true });
    const page = pullAckSchema.parse(await viewer.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
    expect(eventsOfPage(page)).toHaveLength(1);

    const opened = (await writer.warRoom.events(incident))[0]!;
    const forged = { ...opened, id: 'e_viewer000001', origin: 'o_viewer0001', seq: 1, actor, kind: 'note.added', data: { text: 'sneaky' } };
    const reply = errorAckSchema.parse(await viewer.emitWithAck(CLIENT_EVENTS.push, { events: [forged] }));
    expect(reply.code).toBe('forbidden');
    expect(reply.error).toContain('read-only');

    const again = pullAckSchema.parse(await viewer.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
    expect(eventsOfPage(again)).toHaveLength(1);
  });

  it('a sync client with a viewer invite pulls, and reports its own entries as not synced', async () => {
    hub = await startTestHub();
    const writer = await healthyPeer(hub);
    const incident = (await writer.warRoom.listIncidents())[0]!.id;
    const reader = await makePeer('reader');
    peers.push(reader);
    const client = reader.connect(hub.hub.url, incident, await hub.invite(incident, 'viewer'));
    await client.whenSynced();
    await reader.warRoom.record(incident, 'note.added', { text: 'written by a viewer' });
    await waitFor(() => client.status().unsynced === 1 && client.status().error !== undefined, 'the refusal in the status');
    expect(client.status().error).toContain('read-only');
    expect((await writer.warRoom.events(incident)).length).toBe(1);
  });

  it('stops a connection whose token expires while it is connected', async () => {
    let clock = Date.now();
    hub = await startTestHub({ now: () => clock });
    const token = await mintInvite(hub.dataDir, ROOM, 'editor', clock + 60_000);
    const socket = open(auth(token, ROOM));
    expect(await connectOutcome(socket)).toEqual({ connected: true });
    clock += 120_000;
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const reply = errorAckSchema.parse(await socket.emitWithAck(CLIENT_EVENTS.pull, { vector: {} }));
    expect(reply.code).toBe('expired-token');
    expect(await gone).toBe('io server disconnect');
  });
});
