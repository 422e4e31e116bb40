import type { SignedHead } from '../model/room-order.js';
import type { WarEvent } from '../kinds/event.js';
import { fail, ok, type Result } from '../model/result.js';
import type { IncidentState } from '../model/incident-state.js';
import { joinChunks, type Chunks } from './chunks.js';
import { csvChunks } from './csv-writer.js';
import { htmlChunks } from './html-writer.js';
import { jsonExportChunks } from './json-writer.js';
import { markdownChunks } from './markdown-writer.js';
import { resolveTimeZone } from './time-zone.js';

export interface ExportInput {
  incident: string;
  /** In fold order (the room's agreed order, then provisional events). */
  events: readonly WarEvent[];
  state: IncidentState;
  /** Once a hub ordered the incident: how many of `events` hold its positions, and its last signed head. */
  order?: ExportOrder | null;
}

export interface ExportOrder {
  settled: number;
  head: SignedHead | null;
}

interface ExportEntry {
  /** What a save dialog needs. */
  file: { name: string; extension: string; mime: string };
  /** The choice in the Export dialog and the File > Export menu. */
  label: string;
  menuLabel: string;
  /** Renders the text as chunks; null for what only the app makes (PDF prints the HTML report; follow-ups are their own CSV). */
  chunks: ((input: ExportInput, tz: string, options: { bom: boolean }) => Chunks) | null;
}

/** Every way out of the app, one entry each: file type, labels and writer. The CLI, the menu, the dialog and the save path all read it. */
export const EXPORTS = {
  md: {
    file: { name: 'Markdown postmortem', extension: 'md', mime: 'text/markdown; charset=utf-8' },
    label: 'Markdown postmortem',
    menuLabel: 'Markdown Postmortem…',
    chunks: (input, tz) => markdownChunks(input.state, { tz }),
  },
  json: {
    file: { name: 'JSON (lossless, re-importable)', extension: 'json', mime: 'application/json' },
    label: 'JSON (lossless, re-importable)',
    menuLabel: 'JSON (lossless)…',
    // Raw epoch times: the zone is still checked (a bad --tz is a mistake whatever the format) but not used.
    chunks: (input) => jsonExportChunks(input.incident, input.events, input.state, input.order ?? null),
  },
  csv: {
    file: { name: 'CSV timeline', extension: 'csv', mime: 'text/csv; charset=utf-8' },
    label: 'CSV timeline',
    menuLabel: 'CSV Timeline…',
    chunks: (input, tz, { bom }) => csvChunks(input.state, { tz, bom }),
  },
  html: {
    file: { name: 'HTML report', extension: 'html', mime: 'text/html; charset=utf-8' },
    label: 'HTML report (self-contained)',
    menuLabel: 'HTML Report…',
    chunks: (input, tz) => htmlChunks(input.state, { tz }),
  },
  pdf: {
    file: { name: 'PDF report', extension: 'pdf', mime: 'application/pdf' },
    label: 'PDF report',
    menuLabel: 'PDF Report…',
    chunks: null,
  },
  followups: {
    file: { name: 'Follow-ups CSV (Jira, Linear, GitHub)', extension: 'csv', mime: 'text/csv; charset=utf-8' },
    label: 'Follow-ups CSV (for Jira, Linear, GitHub)',
    menuLabel: 'Follow-ups CSV…',
    chunks: null,
  },
} as const satisfies Record<string, ExportEntry>;

/** Everything the app can export to, PDF included. */
export type ExportTarget = keyof typeof EXPORTS;
export const EXPORT_TARGETS = Object.keys(EXPORTS) as [ExportTarget, ...ExportTarget[]];
/** The formats rendered as text (everywhere, the CLI included); PDF needs the app's printer. */
export type ExportFormat = Exclude<ExportTarget, 'pdf' | 'followups'>;
export const EXPORT_FORMATS = EXPORT_TARGETS.filter((f): f is ExportFormat => EXPORTS[f].chunks !== null);

export const isExportFormat = (value: unknown): value is ExportFormat =>
  typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
export const isExportTarget = (value: unknown): value is ExportTarget => typeof value === 'string' && Object.hasOwn(EXPORTS, value);

/** Renders one format as one string. The zone is checked for every format (JSON ignores it: it keeps raw epoch times). */
export function renderExport(format: string, input: ExportInput, options: { tz?: string; bom?: boolean } = {}): Result<string> {
  const chunks = exportChunks(format, input, options);
  return chunks.ok ? ok(joinChunks(chunks.value)) : chunks;
}

/**
 * Renders one format as chunks of text, produced as they are read: what a file export streams, so memory stays
 * bounded whatever the size of the log. Joined, the chunks are exactly renderExport's string.
 */
export function exportChunks(format: string, input: ExportInput, options: { tz?: string; bom?: boolean } = {}): Result<Chunks> {
  if (!isExportFormat(format)) return fail(`unknown export format "${format.slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) return zone;
  return ok(EXPORTS[format].chunks(input, zone.value, { bom: options.bom === true }));
}
