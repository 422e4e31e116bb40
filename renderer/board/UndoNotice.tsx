import type { UndoableChange } from './use-status-steps.js';

/** Saved status changes that can still be undone: the newest first, each with its own button. */
export function UndoNotice({
  changes,
  message,
  onUndo,
  onDismiss,
}: {
  changes: UndoableChange[];
  message: string | null;
  onUndo: (n: number) => void;
  onDismiss: (n: number) => void;
}) {
  if (!changes.length && !message) return null;
  const newest = [...changes].reverse().slice(0, 3);
  return (
    <div className="undo-notice" role="status" data-testid="undo-notice">
      {message ? <p className="undo-message">{message}</p> : null}
      {newest.map((c) => (
        <p key={c.n} className="undo-item">
          <span>
            {c.label} marked <strong>{c.to.replace('-', ' ')}</strong> (was {c.from.replace('-', ' ')}).
          </span>{' '}
          <button type="button" className="small" onClick={() => onUndo(c.n)}>
            Undo {c.label}
          </button>{' '}
          <button type="button" className="icon-button" aria-label={`Keep: ${c.label} ${c.to}`} onClick={() => onDismiss(c.n)}>
            ✕
          </button>
        </p>
      ))}
    </div>
  );
}
