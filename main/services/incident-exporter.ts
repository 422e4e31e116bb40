import { isExportFormat, renderExport, EXPORT_FORMATS, type ExportFormat } from '../../src/export/export-formats.js';
import { resolveTimeZone } from '../../src/export/time-zone.js';
import type { WarRoom } from './war-room.js';

export interface ExportOptions {
  /** IANA time zone for human-readable times; UTC when absent. */
  tz?: string;
  /** CSV only: start with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/**
 * Renders an incident in one export format from its log. Shared by the CLI and the app's Export menu; rejects
 * with a one-line reason (unknown incident, format or zone) before any work is done.
 */
export async function exportIncident(warRoom: WarRoom, incidentId: string, format: ExportFormat | string, options: ExportOptions = {}): Promise<string> {
  if (!isExportFormat(format)) throw new Error(`unknown export format "${String(format).slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) throw new Error(zone.error);
  if (!(await warRoom.exists(incidentId))) throw new Error(`no incident "${incidentId}"`);
  // Another process (a CLI call next to the app) may have appended since this one last read the log.
  await warRoom.refresh(incidentId);
  const [events, state] = await Promise.all([warRoom.events(incidentId), warRoom.state(incidentId)]);
  const rendered = renderExport(format, { incident: incidentId, events, state }, { tz: zone.value, bom: options.bom === true });
  if (!rendered.ok) throw new Error(rendered.error);
  return rendered.value;
}
