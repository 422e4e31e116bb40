import './review.css';
import { waitingReviews } from '../../src/comms/review-requests.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectMe } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';

/**
 * In the header, for the person asked to approve: "1 update waiting for your approval", red once the oldest
 * request is overdue, until they approve or send it back. Pressing it opens the draft.
 */
export function ReviewBadge() {
  const state = useWarRoom(selectIncidentState);
  const me = useWarRoom(selectMe);
  const now = useNow(15_000);
  if (!state || !me) return null;
  const waiting = waitingReviews(state, now, me);
  if (waiting.length === 0) return null;
  const overdue = waiting.some((w) => w.overdue);
  const n = waiting.length;
  const open = () => {
    const s = useWarRoom.getState();
    s.setView('drafts');
    s.selectDraft(waiting[0]!.draft.id);
  };
  return (
    <button
      type="button"
      className={`review-badge ${overdue ? 'overdue' : ''}`}
      data-testid="review-badge"
      onClick={open}
      title={waiting.map((w) => `${w.draft.title}: asked by ${w.request.by.name}`).join('\n')}
    >
      {n} update{n === 1 ? '' : 's'} waiting for your approval{overdue ? ' · overdue' : ''}
    </button>
  );
}
