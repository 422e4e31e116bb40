import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { FileHubStorage, type HubStorage, type StoredRef } from '../../main/hub/hub-storage.js';
import { PostgresHubStorage } from '../../main/hub/cluster/postgres-storage.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';
import { startPostgres, type PostgresServer } from '../helpers/real-servers.js';

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
const opened: HubStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

// A real Postgres (Debian's postgresql, installed by .ci/run), started for this file on 127.0.0.1 and stopped after.
let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres({ fsync: false });
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

async function openPostgres(url: string): Promise<PostgresHubStorage> {
  const storage = await PostgresHubStorage.open(url, { max: 4 });
  opened.push(storage);
  return storage;
}

/**
 * The contract every HubStorage adapter must meet (a Redis or Postgres one would be added to this list).
 * `reopen` gives a fresh adapter on the same backing data, as after a hub restart.
 */
interface Made {
  storage: HubStorage;
  reopen(): Promise<HubStorage>;
  /** Another hub's adapter on the same backing data (shared storage only). */
  another?(): Promise<HubStorage>;
}
const adapters: { name: string; make(): Promise<Made> }[] = [
  {
    name: 'file',
    async make() {
      const dir = await mkdtemp(join(tmpdir(), 'warroom-hubstore-'));
      dirs.push(dir);
      return { storage: new FileHubStorage(dir), reopen: async () => new FileHubStorage(dir) };
    },
  },
  {
    name: 'memory',
    async make() {
      const storage = new MemoryHubStorage();
      return { storage, reopen: async () => storage };
    },
  },
  {
    name: 'memory, shared by hubs',
    async make() {
      const storage = new MemoryHubStorage({ shared: true });
      return { storage, reopen: async () => storage.another(), another: async () => storage.another() };
    },
  },
  {
    name: 'postgres',
    async make() {
      const url = await postgres.newDatabase();
      return { storage: await openPostgres(url), reopen: () => openPostgres(url), another: () => openPostgres(url) };
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
    const again = await reopen();
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

    const again = await reopen();
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

/** An event of `origin` at `seq`, with an id of its own (`tag` tells two events at one slot apart). */
function noteBy(room: string, origin: string, seq: number, tag = ''): WarEvent {
  return { ...note(room, seq), id: `e_${origin.slice(2, 10)}${tag}${String(seq).padStart(6, '0')}`, origin };
}

const seqsOf = async (storage: HubStorage, room: string) => {
  const seen: string[] = [];
  await storage.scanRoom(room, (e, ref) => seen.push(`${ref.at}:${e.origin}/${e.seq}`));
  return seen;
};

/**
 * What storage several hubs share must also do (HubStorage.shared): one order, given by the storage, whichever
 * hub writes; each write judged under the room's lock with what the other hubs stored; forks refused.
 */
describe.each(adapters.filter((a) => a.name.includes('shared') || a.name === 'postgres'))(
  'HubStorage contract, shared by hubs: $name',
  (adapter) => {
    const room = 'inc_room000001';

    it('two hubs writing at once get one gapless order, each write in one piece, and both read it back the same', async () => {
      const { storage, another } = await adapter.make();
      const other = await another!();
      const writes = Array.from({ length: 12 }, (_, i) => {
        const by = i % 2 === 0 ? storage : other;
        const origin = i % 2 === 0 ? 'o_hubaaaaaa' : 'o_hubbbbbbb';
        const seq = Math.floor(i / 2) * 2 + 1;
        return by.append(room, [noteBy(room, origin, seq), noteBy(room, origin, seq + 1)]);
      });
      const refs = await Promise.all(writes);
      // Positions 1..24, each write two neighbours: a write is never split by another hub's.
      expect(
        refs
          .flat()
          .map((r) => r.at)
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      for (const pair of refs) expect(pair[1]!.at).toBe(pair[0]!.at + 1);
      const mine = await seqsOf(storage, room);
      expect(await seqsOf(other, room)).toEqual(mine);
      expect(mine.map((x) => Number(x.split(':')[0]))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });

    it('a write holds the room: it sees what another hub stored before it, and the other waits for it', async () => {
      const { storage, another } = await adapter.make();
      const other = await another!();
      await storage.append(room, [noteBy(room, 'o_hubaaaaaa', 1)]);
      let release!: () => void;
      const holding = new Promise<void>((r) => (release = r));
      const seenInside: string[] = [];
      const first = other.shared!.write(room, async (tx) => {
        await tx.scanAfter(0, (e, ref) => seenInside.push(`${ref.at}:${e.id}`));
        await holding;
        return tx.append([noteBy(room, 'o_hubbbbbbb', 1)]);
      });
      await new Promise((r) => setTimeout(r, 50));
      const second = storage.append(room, [noteBy(room, 'o_hubaaaaaa', 2)]);
      await new Promise((r) => setTimeout(r, 100));
      release();
      expect((await first).map((r) => r.at)).toEqual([2]);
      expect((await second).map((r) => r.at)).toEqual([3]);
      expect(seenInside).toEqual([`1:${noteBy(room, 'o_hubaaaaaa', 1).id}`]);
      const later: number[] = [];
      await storage.shared!.scanAfter(room, 1, (_, ref) => later.push(ref.at));
      expect(later).toEqual([2, 3]);
    });

    it('refuses a fork (another event at an origin and seq) and a stored id again, from either hub, keeping nothing of that write', async () => {
      const { storage, another } = await adapter.make();
      const other = await another!();
      await storage.append(room, [noteBy(room, 'o_hubaaaaaa', 1), noteBy(room, 'o_hubaaaaaa', 2)]);
      // One good event and a fork in one write: the write is refused whole.
      await expect(other.append(room, [noteBy(room, 'o_hubaaaaaa', 3), noteBy(room, 'o_hubaaaaaa', 2, 'fork')])).rejects.toThrow();
      await expect(other.append(room, [noteBy(room, 'o_hubaaaaaa', 1)])).rejects.toThrow();
      expect(await seqsOf(other, room)).toEqual(['1:o_hubaaaaaa/1', '2:o_hubaaaaaa/2']);
      // The room goes on after a refusal.
      expect((await other.append(room, [noteBy(room, 'o_hubaaaaaa', 3)])).map((r) => r.at)).toEqual([3]);
    });

    it('stores nothing of a write whose work fails after appending', async () => {
      const { storage } = await adapter.make();
      await expect(
        storage.shared!.write(room, async (tx) => {
          await tx.append([noteBy(room, 'o_hubaaaaaa', 1)]);
          throw new Error('the hub died mid-judgement');
        }),
      ).rejects.toThrow('mid-judgement');
      expect(await seqsOf(storage, room)).toEqual([]);
      expect((await storage.append(room, [noteBy(room, 'o_hubaaaaaa', 1)])).map((r) => r.at)).toEqual([1]);
    });
  },
);

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
