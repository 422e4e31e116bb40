import type { IncidentState } from '../model/incident-state.js';
import { joinChunks, LineChunker } from './chunks.js';
import { authorTag } from '../incident/authors.js';
import { timeFormatter, type TextExportOptions } from './time-zone.js';

export const CSV_COLUMNS = [
  'time',
  'author',
  'author_id',
  'author_key',
  'kind',
  'text',
  'status',
  'links',
  'subject',
  'entry_id',
  'entry_kind',
  'retracted',
  'event_id',
] as const;

// OWASP CSV injection: a spreadsheet runs a cell starting with one of these as a formula. Line feed is added to
// the list because some spreadsheets skip a leading line break before looking at the first character.
const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;
// Characters a spreadsheet may skip or not show before the first one it reads: zero-width and format
// characters (Unicode Cf), spaces of every kind, and the byte order mark.
const LEADING_INVISIBLE = /^[\p{Cf}\p{Zs}\u00a0\ufeff]+/u;

/**
 * Whether a spreadsheet could read the cell as a formula: checked after NFKC (a fullwidth ＝ becomes =)
 * and past leading invisible characters (a zero-width space then =).
 */
function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value) || FORMULA_START.test(value.normalize('NFKC').replace(LEADING_INVISIBLE, ''));
}

/**
 * One RFC 4180 field: neutralised against formula injection (a leading single quote, which spreadsheets show
 * as text) and quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string): string {
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The timeline as CSV: one row per timeline row, oldest first, CRLF line ends (RFC 4180), UTF-8. With `bom`, a
 * byte order mark first: Excel on Windows reads a file without one in the local code page and garbles
 * non-ASCII names ("MÃ¼ller"); most other tools skip it.
 */
export function writeCsv(state: IncidentState, options: TextExportOptions & { bom?: boolean } = {}): string {
  return joinChunks(csvChunks(state, options));
}

/** writeCsv as chunks, for files. */
export function* csvChunks(state: IncidentState, options: TextExportOptions & { bom?: boolean } = {}): Generator<string, void> {
  if (options.bom) yield '\uFEFF';
  const time = timeFormatter(options.tz ?? 'UTC');
  const lines = new LineChunker('\r\n');
  lines.push(CSV_COLUMNS.join(','));
  for (const row of state.timeline) {
    const cells = [
      time.iso(row.at),
      row.author.name,
      row.author.id,
      authorTag(row.author, row.unverified),
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
    lines.push(cells.map(csvCell).join(','));
    if (lines.full) yield lines.take();
  }
  yield lines.take();
}
