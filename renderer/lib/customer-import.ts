import { z } from 'zod';
import { impactFields } from '../../src/kinds/index.js';
import type { EventDataInput } from '../../src/kinds/index.js';
import { IMPACT_LEVELS } from '../../src/model/vocabulary.js';
import Papa from 'papaparse';

export type ImpactInput = EventDataInput<'impact.added'>;

export interface ImportPlan {
  /** Rows ready to import, each with its line in the file. */
  rows: { line: number; data: ImpactInput }[];
  /** Rows that cannot be imported, and why (fix the file and try again). */
  errors: { line: number; message: string }[];
  /** Rows left out on purpose: the customer is already on the list. */
  skipped: { line: number; customer: string; reason: string }[];
  /** The separator the file was read with: what Excel saves depends on the language it runs in. */
  separator: CsvSeparator;
}

export type CsvSeparator = ',' | ';' | '\t';
export const SEPARATOR_NAMES: Record<CsvSeparator, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

interface CsvRecord {
  /** 1-based line of the file where the record starts (what an editor shows). */
  line: number;
  fields: string[];
}

const MAX_ROWS = 5_000;

/**
 * Reads CSV with papaparse: comma, semicolon (what Excel saves where the decimal mark is a comma) or tab (what
 * pasting from a spreadsheet gives), guessed from the file; quoted fields may hold separators, doubled quotes
 * and line breaks; a BOM is dropped, blank lines skipped. A quote left open, or text after a closing quote, is
 * an error with its line, never a silent guess.
 */
export function readCsv(text: string): { records: CsvRecord[]; separator: CsvSeparator } | { error: { line: number; message: string } } {
  // One kind of line end, so papaparse's guess holds for the whole file and lines count simply.
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let i = 0; i < offset && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
    return line;
  };
  const records: CsvRecord[] = [];
  let error: { line: number; message: string } | null = null;
  let separator: CsvSeparator = ',';
  let cursor = 0;
  Papa.parse<string[]>(src, {
    delimitersToGuess: [',', ';', '\t'],
    newline: '\n',
    skipEmptyLines: 'greedy',
    step(result, parser) {
      let start = cursor;
      while (src.charCodeAt(start) === 10) start++;
      cursor = result.meta.cursor;
      separator = result.meta.delimiter as CsvSeparator;
      const quote = result.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        error =
          quote.code === 'MissingQuotes' && !result.errors.some((e) => e.code === 'InvalidQuotes')
            ? { line: lineAt(start), message: 'a quoted field is never closed' }
            : {
                line: lineAt(quote.index ?? start),
                message: 'text after a closing quote; put the whole field in quotes and double any quote inside it ("")',
              };
        parser.abort();
        return;
      }
      records.push({ line: lineAt(start), fields: result.data });
      if (records.length > MAX_ROWS + 1) {
        error = { line: lineAt(start), message: `more than ${MAX_ROWS} rows; split the file` };
        parser.abort();
      }
    },
  });
  return error ? { error } : { records, separator };
}

/** Header names people use for each field (matched case- and punctuation-insensitively). */
const COLUMNS: Record<string, keyof ImpactInput> = {
  customer: 'customer',
  name: 'customer',
  company: 'customer',
  account: 'customer',
  level: 'level',
  impact: 'level',
  severity: 'level',
  segment: 'segment',
  tier: 'segment',
  plan: 'segment',
  contact: 'contact',
  email: 'contact',
  contactverified: 'contactVerified',
  verified: 'contactVerified',
  note: 'note',
  notes: 'note',
  credit: 'credit',
};

const TRUE = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE = new Set(['no', 'n', 'false', '0', '']);
const rowSchema = z.strictObject(impactFields);

/**
 * Turns a CSV of customers into impact entries to add: a header row (customer and level are required), one
 * customer per row, separated by commas, semicolons or tabs. Every problem is reported with its line; nothing
 * half-valid is imported.
 */
export function planCustomerImport(csv: string, existingCustomers: readonly string[]): ImportPlan {
  const parsed = readCsv(csv);
  if ('error' in parsed) return { rows: [], errors: [parsed.error], skipped: [], separator: ',' };
  const plan: ImportPlan = { rows: [], errors: [], skipped: [], separator: parsed.separator };
  const [header, ...records] = parsed.records;
  if (!header) {
    plan.errors.push({ line: 1, message: 'the file is empty: expected a header row such as "customer,level,contact"' });
    return plan;
  }
  const columns = header.fields.map((h) => COLUMNS[h.toLowerCase().replace(/[^a-z]/g, '')] ?? null);
  const missing = (['customer', 'level'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    plan.errors.push({
      line: header.line,
      message: `the header has no ${missing.join(' or ')} column (found: ${header.fields.join(', ') || 'nothing'})`,
    });
    return plan;
  }
  const taken = new Map(existingCustomers.map((c) => [c.trim().toLowerCase(), 'already on the customer list']));
  for (const record of records) {
    if (record.fields.length > header.fields.length) {
      plan.errors.push({
        line: record.line,
        message: `${record.fields.length} fields but the header has ${header.fields.length}; quote fields that contain ${SEPARATOR_NAMES[plan.separator]}s`,
      });
      continue;
    }
    const raw: Record<string, unknown> = {};
    let problem: string | null = null;
    record.fields.forEach((value, i) => {
      const key = columns[i];
      const v = value.trim();
      if (!key || v === '') return;
      if (key === 'level') {
        const level = v.toLowerCase();
        if (!(IMPACT_LEVELS as readonly string[]).includes(level)) problem ??= `level "${v}" is not one of ${IMPACT_LEVELS.join(', ')}`;
        raw.level = level;
      } else if (key === 'contactVerified') {
        const b = v.toLowerCase();
        if (TRUE.has(b)) raw.contactVerified = true;
        else if (!FALSE.has(b)) problem ??= `contact verified "${v}" should be yes or no`;
      } else raw[key] = v;
    });
    if (!raw.customer) problem ??= 'the customer name is empty';
    else if (!raw.level) problem ??= `no level: use ${IMPACT_LEVELS.join(', ')}`;
    if (problem) {
      plan.errors.push({ line: record.line, message: problem });
      continue;
    }
    const checked = rowSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      plan.errors.push({ line: record.line, message: `${issue.path.map(String).join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const key = checked.data.customer.toLowerCase();
    const seen = taken.get(key);
    if (seen) {
      plan.skipped.push({ line: record.line, customer: checked.data.customer, reason: seen });
      continue;
    }
    taken.set(key, `listed twice in this file`);
    plan.rows.push({ line: record.line, data: checked.data as ImpactInput });
  }
  return plan;
}
