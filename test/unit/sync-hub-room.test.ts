import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import { HubRoom } from '../../main/hub/hub-room.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';

const ROOM = 'inc_room000001';
const NOW = 1_750_000_000_000;
const ana: Actor = { id: 'u_ana000001', name: 'Ana' };
const ben: Actor = { id: 'u_ben000001', name: 'Ben' };

function ev(origin: string, seq: number, actor: Actor = ana, text = `note ${origin} ${seq}`): WarEvent {
  const e = parseEvent({
    v: 1,
    id: `e_${origin.slice(2)}${String(seq).padStart(4, '0')}`,
    incident: ROOM,
    origin,
    seq,
    at: { ms: NOW + seq, c: 0 },
    actor,
    kind: 'note.added',
    data: { text },
  });
  if (!e.ok) throw new Error(e.error);
  return e.value;
}

const load = (storage = new MemoryHubStorage()) => HubRoom.load(ROOM, storage, () => NOW);

describe('HubRoom', () => {
  it('stores valid events once, tracks its contiguous vector through gaps', async () => {
    const room = await load();
    const out = await room.push([ev('o_aaa111', 1), ev('o_aaa111', 3), ev('o_aaa111', 1)], ana);
    expect(out.stored.map((e) => e.seq)).toEqual([1, 3]);
    expect(out.duplicates).toEqual([ev('o_aaa111', 1).id]);
    expect({ ...room.vector() }).toEqual({ o_aaa111: 1 });
    await room.push([ev('o_aaa111', 2)], ana);
    expect({ ...room.vector() }).toEqual({ o_aaa111: 3 });
    expect(room.size).toBe(3);
  });

  it('waits for an in-flight write before acking its duplicate', async () => {
    const storage = new MemoryHubStorage();
    const room = await load(storage);
    const [a, b] = await Promise.all([room.push([ev('o_aaa111', 1)], ana), room.push([ev('o_aaa111', 1)], ana)]);
    expect(a.stored).toHaveLength(1);
    expect(b).toMatchObject({ stored: [], duplicates: [ev('o_aaa111', 1).id] });
    expect(storage.rooms.get(ROOM)).toHaveLength(1);
  });

  it('refuses forged actors, taken origins and seq conflicts, and keeps the rest of the batch', async () => {
    const storage = new MemoryHubStorage();
    const room = await load(storage);
    await room.push([ev('o_aaa111', 1)], ana);
    const out = await room.push([ev('o_aaa111', 2, ben), ev('o_aaa111', 2), ev('o_bbb111', 1, ben)], ben);
    expect(out.refused.map((r) => [r.index, r.code])).toEqual([
      [0, 'origin-taken'],
      [1, 'forged-actor'],
    ]);
    expect(out.stored.map((e) => e.origin)).toEqual(['o_bbb111']);
    const conflict = await room.push([{ ...ev('o_aaa111', 1), id: 'e_other00001' }], ana);
    expect(conflict.refused[0]!.code).toBe('seq-conflict');
    expect(storage.rooms.get(ROOM)!.map((e) => e.id)).toEqual([ev('o_aaa111', 1).id, ev('o_bbb111', 1, ben).id]);
  });

  it('rebuilds origin ownership from the stored log', async () => {
    const storage = new MemoryHubStorage();
    await (await load(storage)).push([ev('o_aaa111', 1)], ana);
    const reloaded = await load(storage);
    const out = await reloaded.push([ev('o_aaa111', 2, ben)], ben);
    expect(out.refused[0]!.code).toBe('origin-taken');
    expect({ ...reloaded.vector() }).toEqual({ o_aaa111: 1 });
  });

  it('refuses future stamps, other incidents, invalid and oversize events', async () => {
    const room = await load();
    const future = { ...ev('o_aaa111', 1), at: { ms: NOW + 6 * 60_000, c: 0 } };
    const elsewhere = { ...ev('o_aaa111', 2), incident: 'inc_other00001' };
    const huge = { ...ev('o_aaa111', 3), pad: 'x'.repeat(PROTOCOL_LIMITS.eventBytes) };
    const out = await room.push([future, elsewhere, huge, { v: 1 }, ev('o_aaa111', 4)], ana);
    expect(out.refused.map((r) => r.code)).toEqual(['future', 'wrong-incident', 'too-large', 'invalid']);
    expect(out.stored.map((e) => e.seq)).toEqual([4]);
  });

  it('forgets claims when the write fails, so a retry can succeed', async () => {
    const storage = new MemoryHubStorage();
    const room = await load(storage);
    storage.failNext = new Error('disk full');
    await expect(room.push([ev('o_aaa111', 1)], ana)).rejects.toThrow('disk full');
    expect(room.size).toBe(0);
    // Nobody owns the origin now: the same actor retries and wins it.
    expect((await room.push([ev('o_aaa111', 1)], ana)).stored).toHaveLength(1);
  });

  it('pages the room in the order it stored events: every position named, lines only for what the peer lacks', async () => {
    const room = await load();
    const bens = [1, 2, 3, 4, 5].map((s) => ev('o_bbb111', s, ben));
    const anas = [1, 2, 3].map((s) => ev('o_aaa111', s));
    await room.push(bens.slice(0, 2), ben);
    await room.push(anas, ana);
    await room.push(bens.slice(2), ben);
    // The peer holds Ben's first two (its own, say) and knows no position yet.
    const theirs = new Map([['o_bbb111', 2]]);
    const pages: Array<{ order: string[]; sent: string[] }> = [];
    let after = 0;
    for (;;) {
      const page = await room.pull(theirs, after, 3);
      pages.push({ order: page.order?.ids.map((id) => slot(id)) ?? [], sent: linesOf(page.lines).map((e) => `${e.origin}:${e.seq}`) });
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toEqual([
      { order: ['o_bbb111:1', 'o_bbb111:2', 'o_aaa111:1'], sent: ['o_aaa111:1'] },
      { order: ['o_aaa111:2', 'o_aaa111:3', 'o_bbb111:3'], sent: ['o_aaa111:2', 'o_aaa111:3', 'o_bbb111:3'] },
      { order: ['o_bbb111:4', 'o_bbb111:5'], sent: ['o_bbb111:4', 'o_bbb111:5'] },
    ]);
    function slot(id: string): string {
      const e = [...bens, ...anas].find((x) => x.id === id)!;
      return `${e.origin}:${e.seq}`;
    }
  });

  it('a page starts after the position asked for, and a room with nothing after it answers an empty page', async () => {
    const room = await load();
    await room.push(
      [1, 2, 3].map((s) => ev('o_aaa111', s)),
      ana,
    );
    const page = await room.pull(new Map(), 2, 500);
    expect(page.order?.from).toBe(3);
    expect(linesOf(page.lines).map((e) => e.seq)).toEqual([3]);
    expect(await room.pull(new Map(), 3, 500)).toMatchObject({ count: 0, order: null, next: null });
    expect(room.head()?.n).toBe(3);
  });

  it('cuts a page at its byte cap, always with at least one event, every event once over the pages', async () => {
    const room = await load();
    const big = 'x'.repeat(9_000);
    // One and a half pages' worth of big events: two pages.
    const n = Math.ceil((1.5 * PROTOCOL_LIMITS.linesPageBytes) / big.length);
    const events = Array.from({ length: n }, (_, i) => ev('o_aaa111', i + 1, ana, big));
    for (let i = 0; i < events.length; i += 50) await room.push(events.slice(i, i + 50), ana);
    const first = await room.pull(new Map(), 0, PROTOCOL_LIMITS.pageEvents);
    expect(first.count).toBeLessThan(n);
    // The cap is on the events' JSON; each line adds its newline.
    expect(first.lines.length - first.count).toBeLessThanOrEqual(PROTOCOL_LIMITS.linesPageBytes);
    const rest = await room.pull(new Map(), first.next!, PROTOCOL_LIMITS.pageEvents);
    expect(rest.next).toBeNull();
    expect([first, rest].flatMap((p) => linesOf(p.lines).map((e) => e.seq))).toEqual(events.map((e) => e.seq));
  });

  it('knows an id it stores under one seq when it comes back under another, also after a reload', async () => {
    const storage = new MemoryHubStorage();
    const room = await load(storage);
    const first = ev('o_aaa111', 1);
    await room.push([first], ana);
    const again = { ...ev('o_aaa111', 2), id: first.id };
    expect(await room.push([again], ana)).toMatchObject({ stored: [], duplicates: [first.id], refused: [] });
    const reloaded = await load(storage);
    expect(await reloaded.push([again], ana)).toMatchObject({ stored: [], duplicates: [first.id], refused: [] });
    expect(storage.rooms.get(ROOM)).toHaveLength(1);
  });

  it('a stored log with the same event twice is served once', async () => {
    const storage = new MemoryHubStorage();
    await storage.append(ROOM, [ev('o_aaa111', 1), ev('o_aaa111', 2), ev('o_aaa111', 1)]);
    const room = await load(storage);
    expect(room.size).toBe(2);
    expect(linesOf((await room.pull(new Map(), 0, 500)).lines).map((e) => e.seq)).toEqual([1, 2]);
  });
});

function linesOf(lines: Buffer): Array<{ origin: string; seq: number }> {
  return lines
    .toString('utf8')
    .split('\n')
    .slice(0, -1)
    .map((l) => JSON.parse(l) as { origin: string; seq: number });
}
