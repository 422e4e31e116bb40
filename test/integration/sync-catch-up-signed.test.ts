import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSyntheticLog } from '../../bench/scale-fixtures.js';
import { cleanupTempDirs, makePeer, startTestHub, tempDir, type Peer, type TestHub } from '../helpers/hub-peers.js';

const INCIDENT = 'inc_signed50k01';
const N = 50_000;
/** The fixture's four writers take turns: 12,500 events each, ids e_<name><seq, 8 digits>. */
const PER_WRITER = N / 4;
const idOf = (name: string, seq: number): string => (name === 'alice' && seq === 1 ? INCIDENT : `e_${name}${String(seq).padStart(8, '0')}`);

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

/** Changes one byte of the event's line (its author's display name, which the signature covers). */
function alterOneByte(log: string, id: string): string {
  const start = log.indexOf(`"id":"${id}"`);
  const lineStart = log.lastIndexOf('\n', start) + 1;
  const lineEnd = log.indexOf('\n', start);
  const line = log.slice(lineStart, lineEnd);
  const at = line.indexOf('"name":"') + '"name":"'.length;
  const altered = line.slice(0, at) + (line[at] === 'X' ? 'Y' : 'X') + line.slice(at + 1);
  return log.slice(0, lineStart) + altered + log.slice(lineEnd);
}

describe('a signed catch-up, checked by its hash chains', () => {
  it('catches and names one byte changed in the first, a middle and the last event of a 50,000-event catch-up', async () => {
    // A hub whose copy was altered on its disk (or a hostile hub): it serves what it holds without checking.
    const dataDir = await tempDir('warroom-hubdata-');
    const path = join(dataDir, 'incidents', `${INCIDENT}.jsonl`);
    await writeSyntheticLog(path, N, INCIDENT, undefined, { signed: true });
    const first = idOf('bob', 1);
    const middle = idOf('carol', PER_WRITER / 2);
    const last = idOf('dan', PER_WRITER);
    let log = await readFile(path, 'utf8');
    for (const id of [first, middle, last]) log = alterOneByte(log, id);
    await writeFile(path, log);
    hub = await startTestHub({ dataDir });

    const late = await makePeer('late');
    peers.push(late);
    // What the late joiner's facade refused, batch by batch, as the sync client hands the pages over.
    const rejected: string[] = [];
    const ingestLines = late.warRoom.ingestLines.bind(late.warRoom);
    late.warRoom.ingestLines = async (...args) => {
      const r = await ingestLines(...args);
      if (r.ok) rejected.push(...r.value.rejected);
      return r;
    };
    const link = late.connect(hub.hub.url, INCIDENT, await hub.invite(INCIDENT, 'viewer'));
    await link.whenSynced(120_000);

    const held = new Set((await late.warRoom.events(INCIDENT)).map((e) => e.id));
    // A catch-up that cannot settle past a refused event asks once more before it stops: names may repeat.
    const named = new Set(rejected.map((r) => /^event (\S+?):? /.exec(r)?.[1]));
    for (const id of [first, middle, last]) {
      expect(held.has(id), id).toBe(false);
      expect(rejected).toContain(`event ${id}: the signature does not match its content (altered or forged)`);
    }
    // Every event left out is named, and only events at or below an altered one in its own chain are left out.
    expect(named.size).toBe(N - held.size);
    const missing = Array.from({ length: PER_WRITER }, (_, k) => k + 1).flatMap((seq) =>
      ['alice', 'bob', 'carol', 'dan'].map((name) => idOf(name, seq)).filter((id) => !held.has(id)),
    );
    for (const id of missing) {
      const [, name, seq] = /^e_([a-z]+)(\d+)$/.exec(id) ?? [];
      const limit = ({ bob: 1, carol: PER_WRITER / 2, dan: PER_WRITER } as Record<string, number>)[name ?? ''];
      expect(limit !== undefined && Number(seq) <= limit, `${id} was refused`).toBe(true);
      expect(named.has(id), `${id} is named`).toBe(true);
    }
    // Past the altered events the chains stand: vouched for by their newest events' signatures.
    expect(held.has(INCIDENT) && held.has(idOf('alice', PER_WRITER))).toBe(true);
    expect(held.has(idOf('bob', 2)) && held.has(idOf('carol', PER_WRITER / 2 + 1))).toBe(true);
    expect(link.status().error).toMatch(/ignored \d+ event\(s\) from the hub/);
  }, 180_000);
});
