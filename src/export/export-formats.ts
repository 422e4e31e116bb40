import type { WarEvent } from '../model/envelope.js';
import { fail, ok, type Result } from '../model/result.js';
import type { IncidentState } from '../incident/state.js';
import { writeCsv } from './csv-writer.js';
import { writeHtml } from './html-writer.js';
import { writeJson } from './json-writer.js';
import { writeMarkdown } from './markdown-writer.js';
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

/** Renders one format. The zone is checked for every format (JSON ignores it: it keeps raw epoch times). */
export function renderExport(format: string, input: ExportInput, options: { tz?: string; bom?: boolean } = {}): Result<string> {
  if (!isExportFormat(format)) return fail(`unknown export format "${format.slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) return zone;
  const tz = zone.value;
  switch (format) {
    case 'md':
      return ok(writeMarkdown(input.state, { tz }));
    case 'json':
      return ok(writeJson(input.incident, input.events, input.state));
    case 'csv':
      return ok(writeCsv(input.state, { tz, bom: options.bom === true }));
    case 'html':
      return ok(writeHtml(input.state, { tz }));
  }
}
