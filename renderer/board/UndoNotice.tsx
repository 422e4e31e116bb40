import type { UndoableChange } from './use-status-steps.js';

const said = (c: UndoableChange) => `${c.label} marked ${c.to.replace('-', ' ')} (was ${c.from.replace('-', ' ')})`;

/**
 * Saved status changes that can still be undone, on one line whatever their number (at 1024x640 every line is
 * a card): the newest change, or "3 changes · newest: …", with "Undo last"; the last undo's outcome in front.
 * Ctrl+Z on a card undoes that card's own change (use-board-keys.ts).
 */
export function UndoNotice({
  changes,
  message,
  onUndo,
  onDismissAll,
}: {
  changes: UndoableChange[];
  message: string | null;
  onUndo: (n: number) => void;
  onDismissAll: () => void;
}) {
  if (!changes.length && !message) return null;
  const newest = changes[changes.length - 1];
  const many = changes.length > 1;
  const line = [message, newest ? (many ? `${changes.length} changes · newest: ${said(newest)}` : said(newest)) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="undo-notice" role="status" data-testid="undo-notice">
      <span className="undo-line" title={changes.map(said).join('\n') || undefined}>
        {line}
      </span>
      {newest ? (
        <button type="button" className="small" onClick={() => onUndo(newest.n)}>
          {many ? 'Undo last' : `Undo ${newest.label}`}
        </button>
      ) : null}
      <button type="button" className="icon-button" aria-label={newest ? 'Keep the changes' : 'Close'} onClick={onDismissAll}>
        ✕
      </button>
    </div>
  );
}
