import type { WarEvent } from '../model/envelope.js';
import { fail, ok, type Result } from '../model/result.js';
import type { IncidentState } from '../incident/state.js';
import { joinChunks, type Chunks } from './chunks.js';
import { csvChunks } from './csv-writer.js';
import { htmlChunks } from './html-writer.js';
import { jsonExportChunks } from './json-writer.js';
import { markdownChunks } from './markdown-writer.js';
import { resolveTimeZone } from './time-zone.js';

export const EXPORT_FORMATS = ['md', 'json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a save dialog needs per format (the app's Export menu and the CLI share these). */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { name: string; extension: string; mime: string }> = {
  md: { name: 'Markdown postmortem', extension: 'md', mime: 'text/markdown; charset=utf-8' },
  json: { name: 'JSON (lossless, re-importable)', extension: 'json', mime: 'application/json' },
  csv: { name: 'CSV timeline', extension: 'csv', mime: 'text/csv; charset=utf-8' },
  html: { name: 'HTML report', extension: 'html', mime: 'text/html; charset=utf-8' },
};

export const isExportFormat = (value: unknown): value is ExportFormat => typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);

export interface ExportInput {
  incident: string;
  events: readonly WarEvent[];
  state: IncidentState;
}

/** Renders one format as one string. The zone is checked for every format (JSON ignores it: it keeps raw epoch times). */
export function renderExport(format: string, input: ExportInput, options: { tz?: string } = {}): Result<string> {
  const chunks = exportChunks(format, input, options);
  return chunks.ok ? ok(joinChunks(chunks.value)) : chunks;
}

/**
 * Renders one format as chunks of text, produced as they are read: what a file export streams, so memory stays
 * bounded whatever the size of the log. Joined, the chunks are exactly renderExport's string.
 */
export function exportChunks(format: string, input: ExportInput, options: { tz?: string } = {}): Result<Chunks> {
  if (!isExportFormat(format)) return fail(`unknown export format "${format.slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) return zone;
  const tz = zone.value;
  switch (format) {
    case 'md':
      return ok(markdownChunks(input.state, { tz }));
    case 'json':
      return ok(jsonExportChunks(input.incident, input.events, input.state));
    case 'csv':
      return ok(csvChunks(input.state, { tz }));
    case 'html':
      return ok(htmlChunks(input.state, { tz }));
  }
}
