import { exportChunks, isExportFormat, EXPORT_FORMATS, type ExportFormat } from '../../src/export/export-formats.js';
import { joinChunks, type Chunks } from '../../src/export/chunks.js';
import { resolveTimeZone } from '../../src/export/time-zone.js';
import { writeChunksAtomic } from './atomic-file.js';
import type { WarRoom } from './war-room.js';

export interface ExportOptions {
  /** IANA time zone for human-readable times; UTC when absent. */
  tz?: string;
  /** CSV only: start with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/**
 * An incident in one export format, as chunks produced while they are consumed. Shared by the CLI and the app's
 * Export menu; rejects with a one-line reason (unknown incident, format or zone) before any work is done.
 */
export async function exportIncidentChunks(
  warRoom: WarRoom,
  incidentId: string,
  format: ExportFormat | string,
  options: ExportOptions = {},
): Promise<Chunks> {
  if (!isExportFormat(format)) throw new Error(`unknown export format "${String(format).slice(0, 40)}": use ${EXPORT_FORMATS.join(', ')}`);
  const zone = resolveTimeZone(options.tz);
  if (!zone.ok) throw new Error(zone.error);
  if (!(await warRoom.exists(incidentId))) throw new Error(`no incident "${incidentId}"`);
  // Another process (a CLI call next to the app) may have appended since this one last read the log.
  await warRoom.refresh(incidentId);
  const [events, state, order] = await Promise.all([
    warRoom.events(incidentId),
    warRoom.state(incidentId),
    warRoom.exportOrder(incidentId),
  ]);
  const chunks = exportChunks(format, { incident: incidentId, events, state, order }, { tz: zone.value, bom: options.bom === true });
  if (!chunks.ok) throw new Error(chunks.error);
  return chunks.value;
}

/** The whole export as one string: for small outputs (the PDF's page, tests). Files should use exportIncidentToFile. */
export async function exportIncident(
  warRoom: WarRoom,
  incidentId: string,
  format: ExportFormat | string,
  options: ExportOptions = {},
): Promise<string> {
  return joinChunks(await exportIncidentChunks(warRoom, incidentId, format, options));
}

/** Streams an export into a file, whole or not at all: memory stays bounded whatever the size of the log. */
export async function exportIncidentToFile(
  warRoom: WarRoom,
  incidentId: string,
  format: ExportFormat | string,
  path: string,
  options: ExportOptions = {},
): Promise<void> {
  await writeChunksAtomic(path, await exportIncidentChunks(warRoom, incidentId, format, options));
}
