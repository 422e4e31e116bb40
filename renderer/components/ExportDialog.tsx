import { EXPORT_TARGETS, type ExportTarget } from '../../src/ipc/contract.js';
import { exportAs } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { Dialog } from './Dialog.js';

const LABELS: Record<ExportTarget, string> = {
  md: 'Markdown postmortem',
  json: 'JSON (lossless, re-importable)',
  csv: 'CSV timeline',
  html: 'HTML report (self-contained)',
  pdf: 'PDF report',
  followups: 'Follow-ups CSV (for Jira, Linear, GitHub)',
};

export function ExportDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const pdf = useWarRoom((s) => s.info?.features.pdf ?? false);
  const choose = (format: ExportTarget) => {
    close();
    void exportAs(format);
  };
  return (
    <Dialog title="Export this incident" onClose={close} labelId="export-title">
      <ul className="choice-list">
        {EXPORT_TARGETS.filter((f) => f !== 'pdf' || pdf).map((f, i) => (
          <li key={f}>
            <button type="button" data-autofocus={i === 0 ? true : undefined} onClick={() => choose(f)}>
              {LABELS[f]}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
