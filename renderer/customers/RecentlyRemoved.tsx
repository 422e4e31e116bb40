import { useEffect, useRef } from 'react';
import type { CustomerImpact } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';

/** How long a removed customer stays offered for undo. The retraction itself stays in the log for good. */
const UNDO_WINDOW_MS = 15 * 60_000;

/**
 * Removing a customer is a retraction (kept in the log and the timeline); this offers it back for a while,
 * to anyone in the room: "Removed Acme Corp · Undo". It sticks to the top of the list while scrolled, and
 * takes the focus the Remove button had, so Enter undoes a slip at once.
 */
export function RecentlyRemoved({ impacts, now }: { impacts: readonly CustomerImpact[]; now: number }) {
  const removed = impacts
    .filter((i) => i.retracted !== null && now - i.retracted.at < UNDO_WINDOW_MS)
    .sort((a, b) => b.retracted!.at - a.retracted!.at);
  const newest = removed[0]?.id;
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Only when the removal left the focus nowhere (the row and its button are gone): never steal it.
    if (newest && (document.activeElement === document.body || document.activeElement === null)) undoRef.current?.focus();
  }, [newest]);
  if (removed.length === 0) return null;
  return (
    <ul className="recently-removed" aria-label="Recently removed customers" aria-live="polite">
      {removed.map((i, k) => (
        <li key={i.id} className="small-text">
          Removed <strong>{i.customer}</strong> ({i.retracted!.by.name}){' '}
          <button
            ref={k === 0 ? undoRef : undefined}
            type="button"
            className="small"
            aria-label={`Undo removing ${i.customer}`}
            onClick={() => void record('impact.restored', { target: i.id })}
          >
            Undo
          </button>
        </li>
      ))}
    </ul>
  );
}
