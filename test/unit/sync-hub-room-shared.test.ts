import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/model/envelope.js';
import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { HubRoom } from '../../main/hub/hub-room.js';
import { memorySigner } from '../../main/identity/event-signature.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';

// Two hubs on one shared store (HubStorage.shared), each with its own HubRoom of the same room, as two hub
// processes on one Postgres: what each judges, numbers and signs must be what the storage holds, not what it saw.

const ROOM = 'inc_room000001';
const NOW = 1_750_000_000_000;
const ana: Actor = { id: 'u_ana000001', name: 'Ana' };
const ben: Actor = { id: 'u_ben000001', name: 'Ben' };
const hubKey = memorySigner();

function ev(
  origin: string,
  seq: number,
  actor: Actor,
  kind = 'note.added',
  data: unknown = { text: `note ${origin} ${seq}` },
  tag = '',
): WarEvent {
  const e = parseEvent({
    v: 1,
    id: `e_${origin.slice(2)}${tag}${String(seq).padStart(4, '0')}`,
    incident: ROOM,
    origin,
    seq,
    at: { ms: NOW + seq, c: 0 },
    actor,
    kind,
    data,
  });
  if (!e.ok) throw new Error(e.error);
  return e.value;
}

async function twoHubs() {
  const storage = new MemoryHubStorage({ shared: true });
  const a = await HubRoom.load(ROOM, storage, () => NOW, hubKey);
  const b = await HubRoom.load(ROOM, storage.another(), () => NOW, hubKey);
  return { storage, a, b };
}

const idsOfPage = async (room: HubRoom) => (await room.pull(new Map(), 0, 5000)).order?.ids ?? [];

describe('HubRoom on storage several hubs share', () => {
  it('numbers a push on hub B after what hub A stored, and both hubs serve and sign one order', async () => {
    const { storage, a, b } = await twoHubs();
    await a.push([ev('o_aaa111', 1, ana), ev('o_aaa111', 2, ana)], ana);
    const heard: number[] = [];
    b.onOrdered((r) => heard.push(r.from));
    const out = await b.push([ev('o_bbb111', 1, ben)], ben);
    expect(out.stored).toHaveLength(1);
    // B told its room position 3, not 1: it read A's two events under the room's lock first.
    expect(heard).toEqual([3]);
    expect(storage.rooms.get(ROOM)!.map((e) => e.id)).toEqual([
      ev('o_aaa111', 1, ana).id,
      ev('o_aaa111', 2, ana).id,
      ev('o_bbb111', 1, ben).id,
    ]);
    // A learns of B's event when a peer pulls from it: the same order, the same signed head.
    expect(await idsOfPage(a)).toEqual(await idsOfPage(b));
    expect(a.head()).toEqual(b.head());
    expect(a.head()!.n).toBe(3);
    expect({ ...a.vector() }).toEqual({ o_aaa111: 2, o_bbb111: 1 });
  });

  it('answers a re-push through the other hub as a duplicate, and refuses a fork there', async () => {
    const { a, b } = await twoHubs();
    await a.push([ev('o_aaa111', 1, ana)], ana);
    const again = await b.push([ev('o_aaa111', 1, ana)], ana);
    expect(again).toMatchObject({ stored: [], duplicates: [ev('o_aaa111', 1, ana).id], refused: [] });
    const fork = await b.push([ev('o_aaa111', 1, ana, 'note.added', { text: 'another story' }, 'x')], ana);
    expect(fork.refused.map((r) => r.code)).toEqual(['seq-conflict']);
    expect(b.size).toBe(1);
  });

  it('keeps one of a fork pushed to both hubs at once and refuses the other', async () => {
    const { storage, a, b } = await twoHubs();
    const left = ev('o_aaa111', 1, ana, 'note.added', { text: 'left' }, 'l');
    const right = ev('o_aaa111', 1, ana, 'note.added', { text: 'right' }, 'r');
    const [viaA, viaB] = await Promise.all([a.push([left], ana), b.push([right], ana)]);
    expect(viaA.stored.length + viaB.stored.length).toBe(1);
    expect([...viaA.refused, ...viaB.refused].map((r) => r.code)).toEqual(['seq-conflict']);
    expect(storage.rooms.get(ROOM)).toHaveLength(1);
  });

  it('judges the rules against the room as stored: a role set through hub A binds a push to hub B', async () => {
    const { a, b } = await twoHubs();
    const commander = ev('o_aaa111', 1, ana, 'role.assigned', { role: 'commander', person: ana });
    expect((await a.push([commander], ana)).stored).toHaveLength(1);
    // Ben, on B, names himself scribe. Before A's event he could (no commander yet); after it, only Ana can.
    const out = await b.push([ev('o_bbb111', 1, ben, 'role.assigned', { role: 'scribe', person: ben })], ben);
    expect(out.refused.map((r) => r.code)).toEqual(['not-permitted']);
    expect(out.refused[0]!.reason).toContain('commander');
  });

  it('gives up its view of the room when a write fails, and is loaded again rather than guessing', async () => {
    const { storage, a } = await twoHubs();
    storage.failNext = new Error('the database went away');
    await expect(a.push([ev('o_aaa111', 1, ana)], ana)).rejects.toThrow('went away');
    expect(a.stale).toBe(true);
    await expect(a.push([ev('o_aaa111', 1, ana)], ana)).rejects.toThrow('read again');
    const fresh = await HubRoom.load(ROOM, storage, () => NOW, hubKey);
    expect((await fresh.push([ev('o_aaa111', 1, ana)], ana)).stored).toHaveLength(1);
  });

  it('writes the pushes that wait for the room together, in one transaction, each judged on its own', async () => {
    const { storage, a } = await twoHubs();
    const shared = storage.shared!;
    let transactions = 0;
    const write = shared.write.bind(shared);
    shared.write = (room, work) => (transactions++, write(room, work));
    const cara: Actor = { id: 'u_cara00001', name: 'Cara' };
    // Five teammates push at once: those that wait for the room's turn together are written together.
    const outcomes = await Promise.all([
      a.push([ev('o_aaa111', 1, ana)], ana),
      a.push([ev('o_bbb111', 1, ben)], ben),
      a.push([ev('o_ccc111', 1, cara)], cara),
      // Ben under Ana's origin: refused alone, the others of its group stored.
      a.push([ev('o_aaa111', 2, ben)], ben),
      a.push([ev('o_aaa111', 2, ana)], ana),
    ]);
    // Without grouping, five transactions; how many pushes share one depends on when each finished its checks.
    expect(transactions).toBeLessThan(outcomes.length);
    expect(outcomes.map((o) => o.stored.length)).toEqual([1, 1, 1, 0, 1]);
    expect(outcomes[3]!.refused).toHaveLength(1);
    expect(storage.rooms.get(ROOM)).toHaveLength(4);
    expect(a.head()!.n).toBe(4);
  });

  it('fails every push of a group whose transaction fails, and stores none of them', async () => {
    const { storage, a } = await twoHubs();
    await a.push([ev('o_aaa111', 1, ana)], ana);
    const first = a.push([ev('o_aaa111', 2, ana)], ana);
    storage.failNext = new Error('the database went away');
    const group = [a.push([ev('o_aaa111', 3, ana)], ana), a.push([ev('o_bbb111', 1, ben)], ben)];
    const settled = await Promise.allSettled([first, ...group]);
    // They waited together, so they failed together: none is acknowledged and none is stored.
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(storage.rooms.get(ROOM)!.map((e) => e.id)).toEqual([ev('o_aaa111', 1, ana).id]);
  });
});
