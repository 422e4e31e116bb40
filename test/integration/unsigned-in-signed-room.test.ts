import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import type { IncidentState, RefusedEvent } from '../../src/model/incident-state.js';
import { hubProofText } from '../../src/model/signed-payload.js';
import { CHALLENGE_EVENT, CLIENT_EVENTS, HANDSHAKE_NAMESPACE, HUB_EVENTS } from '../../src/sync/protocol.js';
import { memorySigner } from '../../main/identity/event-signature.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { BrowserRoom } from '../../web/browser-room.js';
import { EventChecks } from '../../web/identity/event-checks.js';
import { browserCrypto } from '../../web/identity/web-crypto.js';
import { cleanupTempDirs, makePeer, waitFor, type Peer } from '../helpers/hub-peers.js';

const peers: Peer[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await cleanupTempDirs();
});

async function peer(name: string): Promise<Peer> {
  const p = await makePeer(name);
  peers.push(p);
  return p;
}

/** An unsigned envelope, as a hub that wants to speak for someone can make: any actor it likes, no key, no signature. */
function unsigned(incident: string, id: string, actor: { id: string; name: string }, text: string, ms = Date.now()): WarEvent {
  return {
    v: 1,
    id,
    incident,
    origin: `o_hostile${id.slice(-6)}`,
    seq: 1,
    at: { ms, c: 0 },
    actor,
    kind: 'note.added',
    data: { text },
  } as WarEvent;
}

/**
 * A hostile hub: proves a key of its own (a newcomer has no other to expect), takes any handshake, answers the
 * catch-up with the lines it chooses and relays whatever it likes live.
 */
async function hostileHub(lines: readonly WarEvent[], live: readonly WarEvent[]): Promise<string> {
  const key = memorySigner();
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.of(HANDSHAKE_NAMESPACE).on('connection', (s) => {
    s.on(CHALLENGE_EVENT, (p: { nonce: string }, ack: (r: object) => void) => {
      const nonce = 'n'.repeat(32);
      ack({ ok: true, nonce, hub: key.key, sig: key.sign(hubProofText(p.nonce, nonce)) });
    });
  });
  io.on('connection', (socket) => {
    socket.on(CLIENT_EVENTS.pull, (_req: unknown, ack: (r: object) => void) => {
      const text = lines.map((e) => JSON.stringify(e) + '\n').join('');
      ack({ ok: true, lines: Buffer.from(text), count: lines.length, order: null, next: null, vector: {}, head: null });
      setTimeout(() => socket.emit(HUB_EVENTS.events, { events: live }), 100);
    });
    socket.on(CLIENT_EVENTS.push, (req: { events: { id: string }[] }, ack: (r: object) => void) =>
      ack({ ok: true, stored: req.events.map((e) => e.id), duplicates: [], refused: [], vector: {} }),
    );
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => void io.close(() => r())));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

const noteTexts = (state: IncidentState): string[] =>
  state.notes.map((id) => (state.entries[id] as { text?: string } | undefined)?.text ?? '?');

describe('a hostile hub handing out unsigned events "by Alice" in a signed room', () => {
  it('every peer refuses them and names them as refused; Alice’s own signed events stand', async () => {
    const alice = await peer('Alice');
    const created = await alice.warRoom.createIncident({ title: 'Checkout errors for EU customers' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    const said = await alice.warRoom.record(incident, 'note.added', { text: 'Replica lag on db-eu-2 at 40 s' });
    if (!said.ok) throw new Error(said.error);
    const honest = await alice.warRoom.events(incident);
    // "Alice" with her real id and name; and someone the room has never seen sign (a legacy-looking id).
    const asAlice = unsigned(incident, 'e_forgedalice01', alice.actor, 'All clear: stand down and close the bridge');
    const asStranger = unsigned(incident, 'e_forgedother01', { id: 'u_legacyperson01', name: 'Dana' }, 'Root cause: a firewall reset');
    const liveAsAlice = unsigned(incident, 'e_forgedalice02', alice.actor, 'Customers need not be told');
    const url = await hostileHub([...honest, asAlice, asStranger], [liveAsAlice]);
    const forged = [asAlice.id, asStranger.id, liveAsAlice.id];

    // The app (and the CLI, which runs the same WarRoom): a newcomer catching up from this hub.
    const bob = await peer('Bob');
    const kept: RefusedEvent[] = [];
    bob.warRoom.onKeptOut((_incident, refused) => kept.push(...refused));
    bob.connect(url, incident, 'a-token-this-hub-does-not-check');
    await waitFor(() => kept.length === 3, 'the three unsigned events to be refused');
    expect(kept.map((k) => [k.id, k.code])).toEqual(forged.map((id) => [id, 'unsigned']));
    expect(kept[0]!.reason).toMatch(/not signed, but Alice \(u_\w+\) signs their events in this room: nothing proves they wrote it/);
    expect(kept[1]!.reason).toMatch(/not signed in a room whose events are: nothing proves that Dana/);
    const state = await bob.warRoom.state(incident);
    expect(state.title).toBe('Checkout errors for EU customers');
    expect(noteTexts(state)).toEqual(['Replica lag on db-eu-2 at 40 s']);
    const onDisk = await new IncidentLogStore(join(bob.dir, 'incidents')).read(incident);
    expect(onDisk.events.map((e) => e.id).filter((id) => forged.includes(id))).toEqual([]);

    // Alice herself, who holds the room: the live one is refused too.
    const aliceKept: RefusedEvent[] = [];
    alice.warRoom.onKeptOut((_incident, refused) => aliceKept.push(...refused));
    expect((await alice.warRoom.ingest(incident, [asAlice, liveAsAlice])).ok).toBe(true);
    expect(aliceKept.map((k) => k.code)).toEqual(['unsigned', 'unsigned']);
    expect(noteTexts(await alice.warRoom.state(incident))).toEqual(['Replica lag on db-eu-2 at 40 s']);

    // The browser view, with the browser's crypto: the same refusals.
    const checks = new EventChecks(await browserCrypto());
    const viewer = new BrowserRoom(incident, checks, {
      key: 'k'.repeat(43),
      actor: { id: 'u_viewer', name: 'Viewer' },
      sign: async () => '',
    });
    const taken = await viewer.ingest([...honest, asAlice, asStranger, liveAsAlice]);
    expect(taken.ok && taken.value.added.map((e) => e.id)).toEqual(honest.map((e) => e.id));
    expect(viewer.keptOut.map((k) => [k.id, k.code])).toEqual(forged.map((id) => [id, 'unsigned']));
  });

  it('a legacy room, unsigned from its opening, still opens, as it always did', async () => {
    const carol = await peer('Carol');
    const incident = 'inc_legacy000001';
    const at = Date.now() - 60_000;
    const legacy = [
      {
        v: 1,
        id: incident,
        incident,
        origin: 'o_legacyorigin1',
        seq: 1,
        at: { ms: at, c: 0 },
        actor: { id: 'u_legacyana0001', name: 'Ana' },
        kind: 'incident.opened',
        data: { title: 'Before keys existed', severity: 'SEV2' },
      },
      {
        ...unsigned(incident, 'e_legacynote001', { id: 'u_legacyana0001', name: 'Ana' }, 'Written before keys', at + 1000),
        origin: 'o_legacyorigin1',
        seq: 2,
      },
    ];
    const kept: RefusedEvent[] = [];
    carol.warRoom.onKeptOut((_incident, refused) => kept.push(...refused));
    const taken = await carol.warRoom.ingest(incident, legacy);
    expect(taken.ok && taken.value.added).toHaveLength(2);
    expect(kept).toEqual([]);
    const state = await carol.warRoom.state(incident);
    expect(state.title).toBe('Before keys existed');
    expect(noteTexts(state)).toEqual(['Written before keys']);
  });
});
