import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, jsonChunks, joinChunks } from '../../src/export/chunks.js';
import { csvCell, CSV_COLUMNS } from '../../src/export/csv-writer.js';
import { authorTag } from '../../src/incident/authors.js';
import { EXPORT_FORMATS, exportChunks, renderExport } from '../../src/export/export-formats.js';
import { JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION } from '../../src/export/json-writer.js';
import { timeFormatter } from '../../src/export/time-zone.js';
import { fold, uniqueEvents } from '../../src/incident/fold.js';
import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { bigIncidentJsonl, HOSTILE_INCIDENT, hostileIncident } from '../helpers/export-fixtures.js';

const INCIDENT = 'inc_stream00001';
const events: WarEvent[] = bigIncidentJsonl(12_000, INCIDENT)
  .trimEnd()
  .split('\n')
  .map((l) => {
    const r = parseEvent(JSON.parse(l));
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
const state = fold(events);
const input = { incident: INCIDENT, events, state };

/** The JSON export as it was written before it streamed: one array of lines and one JSON.stringify of the state. */
function jsonAsBefore(incident: string, list: readonly WarEvent[]): string {
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'object' && x !== null && !Array.isArray(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, (x as Record<string, unknown>)[k]]),
          )
        : x,
    );
  const sorted = uniqueEvents(list);
  const line = (e: WarEvent) =>
    `${JSON.stringify({ v: e.v, id: e.id, incident: e.incident, origin: e.origin, seq: e.seq, at: { ms: e.at.ms, c: e.at.c }, actor: { id: e.actor.id, name: e.actor.name }, kind: e.kind }).slice(0, -1)},"data":${canonical(e.data)}}`;
  const lines = [
    '{',
    `  "format": "${JSON_EXPORT_FORMAT}",`,
    `  "version": ${JSON_EXPORT_VERSION},`,
    `  "incident": ${JSON.stringify(incident)},`,
    sorted.length ? '  "events": [' : '  "events": [],',
  ];
  sorted.forEach((e, i) => lines.push(`    ${line(e)}${i < sorted.length - 1 ? ',' : ''}`));
  if (sorted.length) lines.push('  ],');
  lines.push(`  "state": ${JSON.stringify(fold(list))}`, '}');
  return lines.join('\n') + '\n';
}

/** The CSV export as it was written before it streamed. */
function csvAsBefore(tz: string): string {
  const time = timeFormatter(tz);
  const rows = state.timeline.map((r) =>
    [
      time.iso(r.at),
      r.author.name,
      r.author.id,
      authorTag(r.author, r.unverified),
      r.kind,
      r.text,
      r.status ?? '',
      (r.links ?? []).join(' '),
      r.subject ?? '',
      r.entryId,
      r.entryKind ?? '',
      r.retracted ? 'yes' : '',
      r.id,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

describe('streamed exports', () => {
  it('JSON chunks are JSON.stringify, byte for byte, for any JSON value and for holes JSON.stringify skips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => joinChunks(jsonChunks(v)) === JSON.stringify(v)),
      { numRuns: 300 },
    );
    const big = {
      a: Array.from({ length: 5000 }, (_, i) => ({ i, s: `"x${i}"\n`, u: undefined, f: () => 1, n: [undefined, i] })),
      d: new Date(0),
      b: { toJSON: () => 'custom' },
      z: undefined,
    };
    expect(joinChunks(jsonChunks(big))).toBe(JSON.stringify(big));
    expect(joinChunks(jsonChunks(state))).toBe(JSON.stringify(state));
  });

  it('JSON and CSV stream the same bytes they were written as before streaming (hostile and 12,000-event incidents)', () => {
    const hostile = hostileIncident().events;
    expect(renderExport('json', { incident: HOSTILE_INCIDENT, events: hostile, state: fold(hostile) })).toEqual({
      ok: true,
      value: jsonAsBefore(HOSTILE_INCIDENT, hostile),
    });
    expect(renderExport('json', input)).toEqual({ ok: true, value: jsonAsBefore(INCIDENT, events) });
    expect(renderExport('csv', input, { tz: 'Europe/Berlin' })).toEqual({ ok: true, value: csvAsBefore('Europe/Berlin') });
  });

  it('every format comes in many bounded chunks that join to exactly the one-string export', () => {
    for (const format of EXPORT_FORMATS) {
      const chunks = exportChunks(format, input, { tz: 'Asia/Kolkata' });
      if (!chunks.ok) throw new Error(chunks.error);
      const list = [...chunks.value];
      expect(list.length, format).toBeGreaterThan(5);
      // A chunk is about CHUNK_CHARS: it closes at the first line (or JSON member) past the mark.
      expect(Math.max(...list.map((c) => c.length)), format).toBeLessThan(CHUNK_CHARS * 2);
      expect(list.join(''), format).toBe((renderExport(format, input, { tz: 'Asia/Kolkata' }) as { value: string }).value);
    }
  });

  it('produces chunks only as they are read: stopping early does no more work', () => {
    const chunks = exportChunks('md', input);
    if (!chunks.ok) throw new Error(chunks.error);
    const iterator = chunks.value[Symbol.iterator]();
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatch(/^# Postmortem: /);
    iterator.return?.();
  });
});
