import type { IncidentState } from '../../src/incident/state.js';
import { record } from '../state/actions.js';

/** How long a removed customer stays offered for undo. The retraction itself stays in the log for good. */
const UNDO_WINDOW_MS = 15 * 60_000;

/**
 * Removing a customer is a retraction (kept in the log and the timeline); this offers it back for a while,
 * to anyone in the room: "Removed Acme Corp · Undo".
 */
export function RecentlyRemoved({ state, now }: { state: IncidentState; now: number }) {
  const removed = state.impactOrder
    .map((id) => state.impacts[id]!)
    .filter((i) => i.retracted !== null && now - i.retracted.at < UNDO_WINDOW_MS)
    .sort((a, b) => b.retracted!.at - a.retracted!.at);
  if (removed.length === 0) return null;
  return (
    <ul className="recently-removed" aria-label="Recently removed customers">
      {removed.map((i) => (
        <li key={i.id} className="small-text">
          Removed <strong>{i.customer}</strong> ({i.retracted!.by.name}){' '}
          <button type="button" className="small" aria-label={`Undo removing ${i.customer}`} onClick={() => void record('impact.restored', { target: i.id })}>
            Undo
          </button>
        </li>
      ))}
    </ul>
  );
}
