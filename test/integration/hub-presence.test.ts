import { afterEach, describe, expect, it } from 'vitest';
import { HUB_EVENTS, presenceDeltaMessageSchema, presenceMessageSchema, type Member } from '../../src/sync/protocol.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  memorySigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import type { Signer } from '../../main/identity/event-signature.js';
import type { HubSocket } from '../../main/sync/sync-client.js';

let hub: TestHub | null = null;
const sockets: HubSocket[] = [];
const peers: Peer[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

/** A person in the room seen through one raw connection: every presence message it got, and the list they make. */
interface Watcher {
  name: string;
  socket: HubSocket;
  fullLists: Member[][];
  deltas: number;
  list: Map<string, Member>;
  names(): string[];
}

/** One key per person: the test's name for them -> their key (a person's actor id is their key's). */
const keys = new Map<string, Signer>();
const actorId = (person: string): string => keyOf(person).actorId;
function keyOf(person: string): Signer {
  let k = keys.get(person);
  if (!k) keys.set(person, (k = memorySigner()));
  return k;
}

async function join(room: string, token: string, person: string, name: string): Promise<Watcher> {
  const socket = rawSocket(hub!.hub.url, signedAuth(keyOf(person), token, room, name));
  sockets.push(socket);
  const w: Watcher = {
    name,
    socket,
    fullLists: [],
    deltas: 0,
    list: new Map(),
    names: () => [...w.list.values()].sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : 1)).map((m) => m.name),
  };
  socket.on(HUB_EVENTS.presence, (m: unknown) => {
    const full = presenceMessageSchema.parse(m);
    w.fullLists.push(full.members);
    w.list = new Map(full.members.map((x) => [x.id, x]));
  });
  socket.on(HUB_EVENTS.presenceDelta, (m: unknown) => {
    const d = presenceDeltaMessageSchema.parse(m);
    w.deltas++;
    for (const id of d.left) w.list.delete(id);
    for (const x of d.changed) w.list.set(x.id, x);
  });
  expect(await connectOutcome(socket)).toEqual({ connected: true });
  return w;
}

describe('presence on a hub', () => {
  it('five people: the late joiner gets the whole list once, the others only what changed, and a leave reaches everyone', async () => {
    hub = await startTestHub({ presenceIntervalMs: 20 });
    const room = 'inc_presence001';
    const token = await hub.invite(room);

    // Ana's own app, a SyncClient, applies the same messages to the list the header shows.
    const ana = await makePeer('Ana');
    peers.push(ana);
    ana.connect(hub.hub.url, room, token);
    const early: Watcher[] = [];
    for (const [i, name] of ['Ben', 'Cleo', 'Dev'].entries()) {
      early.push(await join(room, token, `u_person00${i}`, name));
      // One at a time, so each joins a room the others are already in.
      await waitFor(() => early.every((w) => w.list.size === i + 2), `${name} seen by everyone`);
    }
    await waitFor(() => ana.client!.status().peers.length === 3, 'Ana sees the three others');
    const fullBefore = early.map((w) => w.fullLists.length);
    expect(fullBefore).toEqual([1, 1, 1]);

    const late = await join(room, token, 'u_person009', 'Eve');
    await waitFor(() => late.fullLists.length === 1 && early.every((w) => w.list.size === 5), 'Eve joined, seen by everyone');
    // In the order people joined, and Ana's app connects alongside Ben: compare who, not the order.
    expect(late.fullLists[0]!.map((m) => m.name).sort()).toEqual(['Ana', 'Ben', 'Cleo', 'Dev', 'Eve']);
    // Those already there were told only what changed: no one got the whole list again.
    expect(early.map((w) => w.fullLists.length)).toEqual([1, 1, 1]);
    expect(early.every((w) => w.deltas > 0)).toBe(true);
    await waitFor(() => ana.client!.status().peers.length === 4, 'Ana sees Eve');

    // Cleo leaves: every list left is right, the late joiner's too.
    early[1]!.socket.disconnect();
    const stayed = [early[0]!, early[2]!, late];
    await waitFor(() => stayed.every((w) => w.list.size === 4), 'Cleo gone from every list');
    for (const w of stayed) expect(w.names().sort()).toEqual(['Ana', 'Ben', 'Dev', 'Eve']);
    await waitFor(
      () =>
        ana
          .client!.status()
          .peers.map((p) => p.name)
          .join() === 'Ben,Dev,Eve',
      "Cleo gone from Ana's header",
    );
    expect(late.fullLists).toHaveLength(1);
  });

  it('one person with two connections is one member; closing one keeps them, with the count right', async () => {
    hub = await startTestHub({ presenceIntervalMs: 20 });
    const room = 'inc_presence002';
    const token = await hub.invite(room);
    const watcher = await join(room, token, 'u_watcher001', 'Wes');
    const app = await join(room, token, 'u_twice00001', 'Tara');
    const cli = await join(room, token, 'u_twice00001', 'Tara');
    await waitFor(() => watcher.list.get(actorId('u_twice00001'))?.connections === 2, 'two connections, one member');
    expect(watcher.list.size).toBe(2);
    cli.socket.disconnect();
    await waitFor(() => watcher.list.get(actorId('u_twice00001'))?.connections === 1, 'one connection left');
    app.socket.disconnect();
    await waitFor(() => !watcher.list.has(actorId('u_twice00001')), 'Tara gone');
    expect(watcher.names()).toEqual(['Wes']);
  });
});
