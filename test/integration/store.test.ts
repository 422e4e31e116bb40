import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { EventFactory } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const f = new EventFactory();
const events = [
  f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1000),
  f.make('note.added', { text: 'first' }, 2000),
  f.make('note.added', { text: 'second' }, 3000),
  f.make('note.added', { text: 'third' }, 4000),
];
const incident = f.incident;

describe('IncidentLogStore', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let store: IncidentLogStore;
  beforeEach(async () => {
    dir = await tempDir();
    store = new IncidentLogStore(dir.path);
  });
  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });

  it('replays what was appended, in order, and lists the incident', async () => {
    await store.append(incident, events.slice(0, 2));
    await store.append(incident, events.slice(2));
    const replay = await new IncidentLogStore(dir.path).read(incident);
    expect(replay.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(replay.issues).toEqual([]);
    expect(await store.list()).toEqual([incident]);
  });

  it('group-commits concurrent appends and loses none', async () => {
    const many = Array.from({ length: 200 }, (_, i) => f.make('note.added', { text: `n${i}` }, 10_000 + i));
    await Promise.all(many.map((e) => store.append(incident, [e])));
    const replay = await store.read(incident);
    expect(new Set(replay.events.map((e) => e.id))).toEqual(new Set(many.map((e) => e.id)));
  });

  it('cuts a torn last line, reports it once, and appends cleanly after it', async () => {
    await store.append(incident, events.slice(0, 3));
    await appendFile(store.pathOf(incident), '{"v":1,"id":"e_torn', 'utf8');
    const first = await new IncidentLogStore(dir.path).read(incident);
    expect(first.events).toHaveLength(3);
    expect(first.issues).toEqual([{ line: 4, reason: expect.stringMatching(/incomplete last line/), cut: true }]);
    const again = new IncidentLogStore(dir.path);
    expect((await again.read(incident)).issues).toEqual([]);
    await again.append(incident, [events[3]!]);
    expect((await again.read(incident)).events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    await again.close();
  });

  it('reports a corrupt line in the middle with its number and keeps the events around it', async () => {
    const lines = events.map((e) => JSON.stringify(e));
    lines.splice(2, 0, '{"garbage": true}', 'not json at all');
    await writeFile(store.pathOf(incident), lines.join('\n') + '\n');
    const replay = await store.read(incident);
    expect(replay.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(replay.issues.map((i) => [i.line, i.cut])).toEqual([
      [3, false],
      [4, false],
    ]);
    expect(replay.issues[1]!.reason).toMatch(/not valid JSON/);
    // Middle lines are never cut: the file is unchanged.
    expect((await readFile(store.pathOf(incident), 'utf8')).split('\n')).toHaveLength(7);
  });

  it('refuses an incident id that could escape the data directory', () => {
    expect(() => store.pathOf('../etc/passwd')).toThrow(/not a valid incident id/);
  });

  it('picks up lines another process appended since an offset', async () => {
    await store.append(incident, events.slice(0, 2));
    const { size } = await store.read(incident);
    const other = new IncidentLogStore(dir.path);
    await other.append(incident, events.slice(2));
    await other.close();
    const tail = await store.readFrom(incident, size);
    expect(tail.events.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
  });
});
