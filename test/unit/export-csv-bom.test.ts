import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/export/csv-writer.js';
import { renderExport } from '../../src/export/export-formats.js';
import { fold } from '../../src/incident/fold.js';
import { EventFactory } from '../helpers/events.js';

// Excel on Windows reads a UTF-8 CSV without a byte order mark in the local code page: "Müller" shows as "MÃ¼ller".
describe('CSV for Excel', () => {
  const f = new EventFactory();
  const T0 = Date.UTC(2025, 2, 3, 14, 2);
  const events = [
    f.make('incident.opened', { title: 'Zahlungen schlagen fehl', severity: 'SEV1' }, T0),
    f.make('impact.added', { customer: 'Müller & Söhne GmbH', level: 'critical' }, T0 + 60_000),
    f.make('note.added', { text: 'Ångström AB und Łódź Sp. z o.o. melden Fehler' }, T0 + 120_000),
  ];
  const state = fold(events);

  it('starts with a UTF-8 byte order mark when asked, and is otherwise the same bytes', () => {
    const plain = writeCsv(state);
    const excel = writeCsv(state, { bom: true });
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(excel).toBe(`\uFEFF${plain}`);
    expect([...new TextEncoder().encode(excel).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // What a spreadsheet reads back: the names intact, the mark not part of the first header.
    const rows = Papa.parse<string[]>(excel.slice(1), { skipEmptyLines: 'greedy' }).data;
    expect(rows[0]![0]).toBe('time');
    expect(rows.flat().join(' ')).toContain('Ångström AB und Łódź');
  });

  it('is asked for through renderExport, for CSV only', () => {
    const input = { incident: 'inc', events, state };
    const csv = renderExport('csv', input, { bom: true });
    expect(csv.ok && csv.value.charCodeAt(0)).toBe(0xfeff);
    const md = renderExport('md', input, { bom: true });
    expect(md.ok && md.value.charCodeAt(0)).not.toBe(0xfeff);
    const plain = renderExport('csv', input);
    expect(plain.ok && plain.value.charCodeAt(0)).not.toBe(0xfeff);
  });
});
