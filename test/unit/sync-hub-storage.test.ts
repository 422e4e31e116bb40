import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { FileHubStorage, type HubStorage, type StoredRef } from '../../main/hub/hub-storage.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';

function note(room: string, seq: number): WarEvent {
  const e = parseEvent({
    v: 1,
    id: `e_note${String(seq).padStart(6, '0')}`,
    incident: room,
    origin: 'o_writer01',
    seq,
    at: { ms: 1_000 + seq, c: 0 },
    actor: { id: 'u_a', name: 'A' },
    kind: 'note.added',
    data: { text: `n${seq}` },
  });
  if (!e.ok) throw new Error(e.error);
  return e.value;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * The contract every HubStorage adapter must meet (a Redis or Postgres one would be added to this list).
 * `reopen` gives a fresh adapter on the same backing data, as after a hub restart.
 */
const adapters: { name: string; make(): Promise<{ storage: HubStorage; reopen(): HubStorage }> }[] = [
  {
    name: 'file',
    async make() {
      const dir = await mkdtemp(join(tmpdir(), 'warroom-hubstore-'));
      dirs.push(dir);
      return { storage: new FileHubStorage(dir), reopen: () => new FileHubStorage(dir) };
    },
  },
  {
    name: 'memory',
    async make() {
      const storage = new MemoryHubStorage();
      return { storage, reopen: () => storage };
    },
  },
];

describe.each(adapters)('HubStorage contract: $name', (adapter) => {
  it('an unknown room is empty and not listed', async () => {
    const { storage } = await adapter.make();
    expect(await storage.loadRoom('inc_none000001')).toMatchObject({ events: [] });
    expect(await storage.listRooms()).toEqual([]);
    await storage.close();
  });

  it('keeps appended events per room, across a reopen', async () => {
    const { storage, reopen } = await adapter.make();
    await storage.append('inc_room000001', [note('inc_room000001', 1), note('inc_room000001', 2)]);
    await storage.append('inc_room000002', [note('inc_room000002', 1)]);
    await storage.append('inc_room000001', [note('inc_room000001', 3)]);
    await storage.close();
    const again = reopen();
    expect((await again.listRooms()).sort()).toEqual(['inc_room000001', 'inc_room000002']);
    expect((await again.loadRoom('inc_room000001')).events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await again.loadRoom('inc_room000002')).events).toEqual([note('inc_room000002', 1)]);
    await again.close();
  });

  it('concurrent appends all land', async () => {
    const { storage } = await adapter.make();
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.append('inc_room000001', [note('inc_room000001', i + 1)])));
    expect((await storage.loadRoom('inc_room000001')).events).toHaveLength(20);
    await storage.close();
  });

  it('says where each appended event is; a scan finds the same places; reads come back in the order asked', async () => {
    const { storage, reopen } = await adapter.make();
    const room = 'inc_room000001';
    const first = await storage.append(room, [note(room, 1), note(room, 2)]);
    const second = await storage.append(room, [note(room, 3)]);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(first.every((r) => r.bytes === JSON.stringify(note(room, 1)).length)).toBe(true);
    const refs = [...first, ...second];
    expect(await storage.readEvents(room, [refs[2]!, refs[0]!, refs[1]!])).toEqual([note(room, 3), note(room, 1), note(room, 2)]);
    await storage.close();

    const again = reopen();
    const scanned: [number, StoredRef][] = [];
    await again.scanRoom(room, (e, ref) => scanned.push([e.seq, ref]));
    expect(scanned).toEqual([
      [1, refs[0]],
      [2, refs[1]],
      [3, refs[2]],
    ]);
    expect(await again.readEvents(room, [])).toEqual([]);
    await again.close();
  });

  it('a released room can be appended to and read again', async () => {
    const { storage } = await adapter.make();
    const room = 'inc_room000001';
    const [a] = await storage.append(room, [note(room, 1)]);
    await storage.releaseRoom(room);
    const [b] = await storage.append(room, [note(room, 2)]);
    expect(await storage.readEvents(room, [b!, a!])).toEqual([note(room, 2), note(room, 1)]);
    await storage.releaseRoom('inc_never00001');
    await storage.close();
  });
});

describe('FileHubStorage', () => {
  it('cuts a torn tail when it scans a room, and appends after it where it says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-hubstore-'));
    dirs.push(dir);
    const room = 'inc_room000001';
    const storage = new FileHubStorage(dir);
    await storage.append(room, [note(room, 1)]);
    await storage.close();
    await appendFile(join(dir, 'incidents', `${room}.jsonl`), '{"v":1,"id":"e_torn');

    const again = new FileHubStorage(dir);
    const seen: number[] = [];
    const { issues } = await again.scanRoom(room, (e) => seen.push(e.seq));
    expect(seen).toEqual([1]);
    expect(issues).toEqual([expect.objectContaining({ cut: true })]);
    const [ref] = await again.append(room, [note(room, 2)]);
    expect(await again.readEvents(room, [ref!])).toEqual([note(room, 2)]);
    expect((await again.loadRoom(room)).events.map((e) => e.seq)).toEqual([1, 2]);
    await again.close();
  });
});
