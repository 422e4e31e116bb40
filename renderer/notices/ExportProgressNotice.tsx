import './export-progress.css';
import { useWarRoom } from '../state/store.js';

const STAGE_LABEL = { rendering: 'preparing the report', printing: 'printing to PDF', writing: 'writing the file' } as const;

/** Shown while a large export is under way, so the window never looks frozen; the result comes as a toast. */
export function ExportProgressNotice() {
  const progress = useWarRoom((s) => s.exportProgress);
  if (!progress || !(progress.stage in STAGE_LABEL)) return null;
  const stage = STAGE_LABEL[progress.stage as keyof typeof STAGE_LABEL];
  return (
    <div className="export-progress" role="status" aria-live="polite" data-testid="export-progress">
      <strong>
        Exporting {progress.events.toLocaleString()} events as {progress.format.toUpperCase()}
      </strong>
      <span>{stage}…</span>
      <progress aria-label={`Export: ${stage}`} />
    </div>
  );
}
