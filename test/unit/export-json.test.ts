import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { delivered } from '../helpers/events.js';
import { JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, writeJson } from '../../src/export/json-writer.js';
import { readIncidentExport } from '../../src/export/json-reader.js';
import { renderExport } from '../../src/export/export-formats.js';
import { HOSTILE_INCIDENT, hostileIncident } from '../helpers/export-fixtures.js';

const { events } = hostileIncident();
const state = fold(events);
const json = writeJson(HOSTILE_INCIDENT, events, state);

/** A deterministic shuffle, so a failure can be replayed. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('JSON export', () => {
  it('is versioned and holds every event, in the agreed order, and the folded state', () => {
    const doc = JSON.parse(json) as { format: string; version: number; incident: string; events: WarEvent[]; state: unknown };
    expect(Object.keys(doc)).toEqual(['format', 'version', 'incident', 'events', 'state']);
    expect(doc.format).toBe(JSON_EXPORT_FORMAT);
    expect(doc.version).toBe(JSON_EXPORT_VERSION);
    expect(doc.incident).toBe(HOSTILE_INCIDENT);
    expect(doc.events).toEqual(events);
    expect(doc.state).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('is byte-for-byte the same however the events and their positions arrived (order, duplicates, live or catch-up)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const arrival = shuffle([...events, ...events.slice(0, seed % 5)], seed);
      const folder = delivered(HOSTILE_INCIDENT, events, arrival, {
        chunk: 1 + (seed % 3),
        rangeSize: 1 + (seed % 4),
        positionsFirst: seed % 2 === 0,
      });
      expect(writeJson(HOSTILE_INCIDENT, folder.events, folder.state)).toBe(json);
    }
  });

  it('writes event data with sorted keys and keeps raw times whatever the zone', () => {
    const line = json.split('\n').find((l) => l.includes('"impact.added"'))!;
    const data = line.slice(line.indexOf('"data":') + 7, line.lastIndexOf('}'));
    const keys = Object.keys(JSON.parse(data) as object);
    expect(keys).toEqual([...keys].sort());
    const berlin = renderExport('json', { incident: HOSTILE_INCIDENT, events, state }, { tz: 'Europe/Berlin' });
    expect(berlin).toEqual({ ok: true, value: json });
    expect(renderExport('json', { incident: HOSTILE_INCIDENT, events, state }, { tz: 'Nowhere/Else' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown time zone "Nowhere\/Else"/),
    });
  });

  it('reads back to the same events', () => {
    const back = readIncidentExport(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.incident).toBe(HOSTILE_INCIDENT);
    expect(back.value.events).toEqual(events);
    expect(writeJson(back.value.incident, back.value.events, fold(back.value.events))).toBe(json);
  });
});

describe('reading a JSON export', () => {
  const doc = () => JSON.parse(json) as Record<string, unknown> & { events: Record<string, unknown>[] };
  const read = (value: unknown) => readIncidentExport(typeof value === 'string' ? value : JSON.stringify(value));

  it('names the first bad event by its index', () => {
    const bad = doc();
    bad.events[5] = { ...bad.events[5], kind: 'hypothesis.hacked' };
    expect(read(bad)).toMatchObject({ ok: false, error: 'events[5]: unknown event kind "hypothesis.hacked"' });
    const badData = doc();
    badData.events[3] = { ...badData.events[3], data: { text: '' } };
    expect(read(badData)).toMatchObject({ ok: false, error: expect.stringMatching(/^events\[3\]: invalid hypothesis\.added: text/) });
    const badEnvelope = doc();
    badEnvelope.events[2] = { ...badEnvelope.events[2], seq: -1 };
    expect(read(badEnvelope)).toMatchObject({ ok: false, error: expect.stringMatching(/^events\[2\]: invalid event: seq/) });
  });

  it('refuses events of another incident, repeated ids and repeated (origin, seq)', () => {
    const other = doc();
    other.events[1] = { ...other.events[1], incident: 'inc_other00001' };
    expect(read(other)).toMatchObject({ ok: false, error: `events[1]: belongs to incident inc_other00001, not ${HOSTILE_INCIDENT}` });
    const repeated = doc();
    repeated.events.push(repeated.events[2]!);
    expect(read(repeated)).toMatchObject({ ok: false, error: expect.stringMatching(/^events\[20\]: repeats the id \S+ of events\[2\]$/) });
    const seq = doc();
    seq.events.push({ ...seq.events[2]!, id: 'e_zzzzzzzzzzzz' });
    expect(read(seq)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^events\[20\]: repeats seq \d+ of origin \S+ \(events\[2\]\)$/),
    });
  });

  it('refuses what is not an export, or is from a newer version', () => {
    expect(read('{"format": "war-room-incident", ')).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
    expect(read([1, 2])).toMatchObject({ ok: false, error: expect.stringMatching(/expected a JSON object/) });
    expect(read({ ...doc(), format: 'something-else' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"format" should be "war-room-incident"/),
    });
    expect(read({ ...doc(), version: 2 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/format version 2, made by a newer War Room/),
    });
    expect(read({ ...doc(), incident: '../../etc' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"incident" must be an incident id/),
    });
    expect(read({ ...doc(), events: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/"events" is empty/) });
    expect(read({ ...doc(), events: {} })).toMatchObject({ ok: false, error: '"events" must be an array' });
  });
});
