import { ok, type Result } from '../../src/model/result.js';
import type { ExportProgress, ExportTarget, SaveOutcome } from '../../src/ipc/contract.js';
import { EXPORTS } from '../../src/export/export-formats.js';
import { fileSlug } from '../../src/export/file-slug.js';
import { writeFileAtomic } from './atomic-file.js';
import { exportIncident, exportIncidentToFile } from './incident-exporter.js';
import { writeFollowUpsCsv } from '../../src/export/follow-ups-csv.js';
import type { WarRoom } from './war-room.js';

export interface SaveRequest {
  suggestedName: string;
  filters: { name: string; extensions: string[] }[];
}

/** Asks where to save (a native dialog in the app); null when the person cancelled. */
export type ChooseSavePath = (request: SaveRequest) => Promise<string | null>;

export interface FileExportOptions {
  warRoom: WarRoom;
  chooseSavePath: ChooseSavePath;
  /** Renders a self-contained HTML page to PDF bytes (an offscreen window in the app); absent: no PDF. */
  renderPdf?: ((html: string) => Promise<Uint8Array>) | undefined;
  /** IANA zone for exported times. */
  timeZone?: string | undefined;
  /** Told of each stage (the window shows it). */
  progress?: ((progress: ExportProgress) => void) | undefined;
}

/** Exports an incident to a file the person picks: asks where, renders (PDF: prints the HTML report), writes atomically. */
export class FileExporter {
  constructor(private readonly options: FileExportOptions) {}

  /** `{ saved: false }` when the person cancelled the dialog; throws with the reason when rendering or writing fails. */
  async save(incident: string, format: ExportTarget, { bom = false }: { bom?: boolean } = {}): Promise<Result<SaveOutcome>> {
    const { warRoom, renderPdf } = this.options;
    if (format === 'pdf' && !renderPdf) throw new Error('PDF export is not available here');
    const state = await warRoom.state(incident);
    const type = EXPORTS[format].file;
    const path = await this.options.chooseSavePath({
      suggestedName: `${fileSlug(state.title, 60, 'incident')}-${incident}${format === 'followups' ? '-follow-ups' : ''}.${type.extension}`,
      filters: [{ name: type.name, extensions: [type.extension] }],
    });
    if (path === null) return ok({ saved: false });
    const events = (await warRoom.events(incident)).length;
    const progress = (stage: ExportProgress['stage']) => this.options.progress?.({ incident, format, stage, events, path });
    try {
      progress('rendering');
      const tz = this.options.timeZone;
      const rendering = { ...(tz ? { tz } : {}), bom };
      if (format === 'followups') {
        progress('writing');
        await writeFileAtomic(path, writeFollowUpsCsv(state));
      } else if (format === 'pdf') {
        const rendered = await exportIncident(warRoom, incident, 'html', rendering);
        progress('printing');
        const pdf = await renderPdf!(rendered);
        progress('writing');
        await writeFileAtomic(path, pdf);
      } else {
        // Rendered while written, chunk by chunk: a million-event export never sits in memory whole.
        progress('writing');
        await exportIncidentToFile(warRoom, incident, format, path, rendering);
      }
      progress('done');
      return ok({ saved: true, path });
    } catch (e) {
      progress('failed');
      throw e;
    }
  }
}
