import type { WarEvent } from '../model/envelope.js';
import { fail, ok, type Result } from '../model/result.js';
import type { IncidentState } from '../incident/state.js';
import { writeCsv } from './csv-writer.js';
import { writeHtml } from './html-writer.js';
import { writeJson } from './json-writer.js';
import { writeMarkdown } from './markdown-writer.js';
import { resolveTimeZone } from './time-zone.js';

export interface ExportInput {
  incident: string;
  events: readonly WarEvent[];
  state: IncidentState;
}

interface ExportEntry {
  /** What a save dialog needs. */
  file: { name: string; extension: string; mime: string };
  /** The choice in the Export dialog and the File > Export menu. */
  label: string;
  menuLabel: string;
  /** Renders the text; null for PDF, which the app prints from the HTML report. */
  write: ((input: ExportInput, tz: string, options: { bom: boolean }) => string) | null;
}

/** Every way out of the app, one entry each: file type, labels and writer. The CLI, the menu, the dialog and the save path all read it. */
export const EXPORTS = {
  md: {
    file: { name: 'Markdown postmortem', extension: 'md', mime: 'text/markdown; charset=utf-8' },
    label: 'Markdown postmortem',
    menuLabel: 'Markdown Postmortem…',
    write: (input, tz) => writeMarkdown(input.state, { tz }),
  },
  json: {
    file: { name: 'JSON (lossless, re-importable)', extension: 'json', mime: 'application/json' },
    label: 'JSON (lossless, re-importable)',
    menuLabel: 'JSON (lossless)…',
    // Raw epoch times: the zone is still checked (a bad --tz is a mistake whatever the format) but not used.
    write: (input) => writeJson(input.incident, input.events, input.state),
  },
  csv: {
    file: { name: 'CSV timeline', extension: 'csv', mime: 'text/csv; charset=utf-8' },
    label: 'CSV timeline',
    menuLabel: 'CSV Timeline…',
    write: (input, tz, { bom }) => writeCsv(input.state, { tz, bom }),
  },
  html: {
    file: { name: 'HTML report', extension: 'html', mime: 'text/html; charset=utf-8' },
    label: 'HTML report (self-contained)',
    menuLabel: 'HTML Report…',
    write: (input, tz) => writeHtml(input.state, { tz }),
  },
  pdf: {
    file: { name: 'PDF report', extension: 'pdf', mime: 'application/pdf' },
    label: 'PDF report',
    menuLabel: 'PDF Report…',
    write: null,
  },
} as const satisfies Record<string, ExportEntry>;

/** Everything the app can export to, PDF included. */
export type ExportTarget = keyof typeof EXPORTS;
export const EXPORT_TARGETS = Object.keys(EXPORTS) as [ExportTarget, ...ExportTarget[]];
/** The formats rendered as text (everywhere, the CLI included); PDF needs the app's printer. */
export type ExportFormat = Exclude<ExportTarget, 'pdf'>;
export const EXPORT_FORMATS = EXPORT_TARGETS.filter((f): f is ExportFormat => EXPORTS[f].write !== null);

export const isExportFormat = (value: unknown): value is ExportFormat => typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
export const isExportTarget = (value: unknown): value is ExportTarget => typeof value === 'string' && Object.hasOwn(EXPORTS, value);

/** Renders one format. The zone is checked for every format (JSON ignores it: it keeps raw epoch times). */
export function renderExport(format: string, input: ExportInput, options: { tz?: string; bom?: boolean } = {}): Result<string> {
  if (!isExportFormat(format)) return fail(`unknown export format "${format.slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) return zone;
  return ok(EXPORTS[format].write(input, zone.value, { bom: options.bom === true }));
}
