import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { CSV_COLUMNS, csvCell, writeCsv } from '../../src/export/csv-writer.js';
import { HOSTILE, hostileIncident } from '../helpers/export-fixtures.js';

const { events, ids } = hostileIncident();
const state = fold(events);
const csv = writeCsv(state);
const parse = (text: string) => Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy' });

describe('CSV timeline', () => {
  const parsed = parse(csv);
  const [header, ...rows] = parsed.data;

  it('parses cleanly: a header and one row per timeline row, in order', () => {
    expect(parsed.errors).toEqual([]);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(state.timeline.length);
    expect(rows.map((r) => r[CSV_COLUMNS.indexOf('event_id')])).toEqual(state.timeline.map((r) => r.id));
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips every cell, neutralising only cells a spreadsheet would run as a formula', () => {
    rows.forEach((cells, i) => {
      const row = state.timeline[i]!;
      const expected = [
        row.author.name,
        row.author.id,
        'unverified', // the fixture's events are unsigned
        row.kind,
        row.text,
        row.status ?? '',
        (row.links ?? []).join(' '),
        row.subject ?? '',
        row.entryId,
        row.entryKind ?? '',
        row.retracted ? 'yes' : '',
        row.id,
      ];
      const neutral = (s: string) => (/^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
      expect(cells.slice(1)).toEqual(expected.map(neutral));
    });
    const byEvent = (id: string) => rows.find((r) => r[CSV_COLUMNS.indexOf('event_id')] === id)!;
    const text = CSV_COLUMNS.indexOf('text');
    expect(byEvent(ids.h2)[text]).toBe(`'${HOSTILE.hyperlink}`);
    expect(byEvent(ids.a1)[text]).toBe(`'${HOSTILE.plusCmd}`);
    expect(byEvent(ids.note)[text]).toBe(`'${HOSTILE.minus} ${HOSTILE.hebrew} ${HOSTILE.arabic} ${HOSTILE.emoji}`);
    expect(rows.map((r) => r[text])).toContain(`'${HOSTILE.atSum} only one MAC answers\n- not a list item`);
    expect(rows.map((r) => r[text])).toContain(`${HOSTILE.multiline}\n${HOSTILE.emoji} ${HOSTILE.hebrew}`);
    expect(byEvent(ids.h3)[text]).toBe(`IP address conflict | private network ${HOSTILE.script}`);
    expect(byEvent(ids.a1)[CSV_COLUMNS.indexOf('links')]).toBe(`${ids.h1} ${ids.h3}`);
    for (const cells of parsed.data) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('ends records with CRLF, quotes only where RFC 4180 needs it, and writes times in the zone asked for', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows[0]![0]).toBe('2024-03-31T00:30:00.000Z');
    const berlin = parse(writeCsv(state, { tz: 'Europe/Berlin' })).data.slice(1);
    expect(berlin.map((r) => r[0]).slice(0, 1)).toEqual(['2024-03-31T01:30:00.000+01:00']);
    expect(berlin.map((r) => r[0])).toContain('2024-03-31T03:01:00.000+02:00');
    expect(berlin.map((r) => new Date(r[0]!).getTime())).toEqual(state.timeline.map((r) => r.at));
  });

  it('quotes and neutralises single cells by the rules', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\ronly')).toBe('"cr\ronly"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('🔥 שלום')).toBe('🔥 שלום');
    // Disguised: a fullwidth equals sign (NFKC makes it "="), invisible characters before the "=".
    expect(csvCell("＝cmd|' /C calc'!A0")).toBe("'＝cmd|' /C calc'!A0");
    expect(csvCell('\u200b=1+1')).toBe("'\u200b=1+1");
    expect(csvCell('\ufeff\u2060@SUM(1)')).toBe("'\ufeff\u2060@SUM(1)");
    expect(csvCell('\u00a0\u3000+cmd')).toBe("'\u00a0\u3000+cmd");
    expect(csvCell('﹢1')).toBe("'﹢1");
    expect(csvCell('Ａcme')).toBe('Ａcme');
    expect(csvCell('\u200bAcme')).toBe('\u200bAcme');
    expect(csvCell('')).toBe('');
    for (const value of ['\tcmd', '\r=cmd', '=a,"b"\r\nc']) {
      expect(parse(`${csvCell(value)},x\r\n`).data).toEqual([[`'${value}`, 'x']]);
    }
  });
});
