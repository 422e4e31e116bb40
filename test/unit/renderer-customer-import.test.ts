import { describe, expect, it } from 'vitest';
import { planCustomerImport, readCsv } from '../../renderer/lib/customer-import.js';

describe('CSV reading (papaparse): comma, semicolon or tab', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    expect(readCsv('\ufeffname,note\r\n"Acme, Inc.","said ""urgent""\nthen hung up"\nGlobex,\n\n')).toEqual({
      separator: ',',
      records: [
        { line: 1, fields: ['name', 'note'] },
        { line: 2, fields: ['Acme, Inc.', 'said "urgent"\nthen hung up'] },
        { line: 4, fields: ['Globex', ''] },
      ],
    });
  });

  it('reports an unclosed quote, or text after a closing quote, with its line', () => {
    expect(readCsv('a,b\n"x,y\n')).toEqual({ error: { line: 2, message: 'a quoted field is never closed' } });
    expect(readCsv('a,b\nc,d\n"x"y,z\n')).toEqual({
      error: { line: 3, message: 'text after a closing quote; put the whole field in quotes and double any quote inside it ("")' },
    });
    expect('error' in readCsv('"a"b\n')).toBe(true);
    // A quote inside an unquoted field is kept as written, as spreadsheets do: 'Display 27" monitors'.
    expect(readCsv('a,b\nx,y"z\n')).toEqual({
      separator: ',',
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x', 'y"z'] },
      ],
    });
  });
});

describe('customer import', () => {
  it('plans rows from a header with flexible names, normalising levels and flags', () => {
    const plan = planCustomerImport('Company,Impact,Email,Contact verified\nAcme Corp,Critical,ops@acme.example,yes\nGlobex,minor,,\n', []);
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      { line: 2, data: { customer: 'Acme Corp', level: 'critical', contact: 'ops@acme.example', contactVerified: true } },
      { line: 3, data: { customer: 'Globex', level: 'minor' } },
    ]);
  });

  it('reports each bad row with its line and a reason, and skips customers already listed', () => {
    const csv = ['customer,level', 'Acme Corp,severe', ',major', 'Initech,major', 'initech,minor', 'Globex,critical,extra'].join('\n');
    const plan = planCustomerImport(csv, ['Initech ']);
    expect(plan.rows).toEqual([]);
    expect(plan.errors).toEqual([
      { line: 2, message: 'level "severe" is not one of minor, major, critical' },
      { line: 3, message: 'the customer name is empty' },
      { line: 6, message: '3 fields but the header has 2; quote fields that contain commas' },
    ]);
    expect(plan.skipped.map((s) => [s.line, s.reason])).toEqual([
      [4, 'already on the customer list'],
      [5, 'already on the customer list'],
    ]);
  });

  it('flags duplicates within the file and a header without the required columns', () => {
    expect(planCustomerImport('customer,level\nAcme,major\nACME,minor\n', []).skipped).toEqual([
      { line: 3, customer: 'ACME', reason: 'listed twice in this file' },
    ]);
    expect(planCustomerImport('who,what\nAcme,major\n', []).errors).toEqual([
      { line: 1, message: 'the header has no customer or level column (found: who, what)' },
    ]);
    expect(planCustomerImport('', []).errors[0]!.message).toMatch(/empty/);
  });

  it('reads what European Excel saves (semicolons, decimal commas, a BOM, CRLF) and what a spreadsheet paste gives (tabs)', () => {
    const excel =
      '\ufeffKunde;Level;Kontakt;Note\r\n"Müller; Söhne GmbH";critical;ops@mueller.example;"Umsatz 1,5 Mio"\r\nÅngström AB;major;;\r\n';
    const plan = planCustomerImport(excel.replace('Kunde', 'Customer').replace('Kontakt', 'Contact'), []);
    expect(plan.separator).toBe(';');
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      { line: 2, data: { customer: 'Müller; Söhne GmbH', level: 'critical', contact: 'ops@mueller.example', note: 'Umsatz 1,5 Mio' } },
      { line: 3, data: { customer: 'Ångström AB', level: 'major' } },
    ]);
    const pasted = 'customer\tlevel\tnote\nAcme, Inc.\tmajor\tcalled twice, no answer\nGlobex\tminor\t\n';
    const fromPaste = planCustomerImport(pasted, []);
    expect(fromPaste.separator).toBe('\t');
    expect(fromPaste.rows.map((r) => [r.line, r.data.customer, r.data.note])).toEqual([
      [2, 'Acme, Inc.', 'called twice, no answer'],
      [3, 'Globex', undefined],
    ]);
  });

  it('keeps line numbers right past quoted line breaks and blank lines, whatever the separator', () => {
    const csv = 'customer;level;note\n\nAcme;major;"line one\nline two"\nGlobex;severe;\n\nInitech;minor;x;y\n';
    expect(planCustomerImport(csv, []).errors).toEqual([
      { line: 5, message: 'level "severe" is not one of minor, major, critical' },
      { line: 7, message: '4 fields but the header has 3; quote fields that contain semicolons' },
    ]);
  });
});
