import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../renderer/lib/csv.js';
import { planCustomerImport } from '../../renderer/lib/customer-import.js';

describe('CSV parser (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const r = parseCsv('\ufeffname,note\r\n"Acme, Inc.","said ""urgent""\nthen hung up"\nGlobex,\n\n');
    expect(r).toEqual({
      ok: true,
      value: [
        { line: 1, fields: ['name', 'note'] },
        { line: 2, fields: ['Acme, Inc.', 'said "urgent"\nthen hung up'] },
        { line: 4, fields: ['Globex', ''] },
      ],
    });
  });

  it('reports a stray or unclosed quote with its line', () => {
    expect(parseCsv('a,b\nx,y"z\n')).toEqual({ ok: false, error: 'line 2: a quote inside an unquoted field; quote the whole field and double the quote ("")' });
    expect(parseCsv('a,b\n"x,y\n')).toEqual({ ok: false, error: 'line 2: a quoted field is never closed' });
    expect(parseCsv('"a"b\n').ok).toBe(false);
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
    expect(planCustomerImport('customer,level\nAcme,major\nACME,minor\n', []).skipped).toEqual([{ line: 3, customer: 'ACME', reason: 'listed twice in this file' }]);
    expect(planCustomerImport('who,what\nAcme,major\n', []).errors).toEqual([{ line: 1, message: 'the header has no customer or level column (found: who, what)' }]);
    expect(planCustomerImport('', []).errors[0]!.message).toMatch(/empty/);
  });
});
