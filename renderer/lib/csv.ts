import { fail, ok, type Result } from '../../src/model/result.js';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (what an editor shows). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside quotes, quoted
 * fields may span lines, CRLF or LF endings. A BOM is dropped and blank lines are skipped. A quote in the
 * middle of an unquoted field, or a quote left open, is an error with its line, never a silent guess.
 */
export function parseCsv(text: string, maxRecords = 10_000): Result<CsvRecord[]> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return fail(`line ${line}: text after a closing quote; put the whole field in quotes`);
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted) return fail(`line ${line}: a quote inside an unquoted field; quote the whole field and double the quote ("")`);
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      if (records.length > maxRecords) return fail(`more than ${maxRecords} rows; split the file`);
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) return fail(`line ${recordLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  if (records.length > maxRecords) return fail(`more than ${maxRecords} rows; split the file`);
  return ok(records);
}
