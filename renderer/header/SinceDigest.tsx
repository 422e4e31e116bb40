import './since-digest.css';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { markSeen } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectDigest, selectIncidentState } from '../state/selectors.js';
import { describeCounts, sinceDigest } from '../../src/incident/key-events.js';
import { useNow } from '../hooks/use-now.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/** "What changed since I last looked": shown when coming back to an incident, until "Got it". */
export function SinceDigest() {
  const { open, lastSeen } = useWarRoom(useShallow(selectDigest));
  const state = useWarRoom(selectIncidentState);
  const now = useNow(30_000);
  const digest = useMemo(() => (state && lastSeen !== null ? sinceDigest(state, lastSeen) : null), [state, lastSeen]);
  // Nothing new is not news: the banner only appears when something changed.
  if (!open || !digest || lastSeen === null || digest.total === 0) return null;
  return (
    <section className="digest" aria-labelledby="digest-title" data-testid="digest">
      <h2 id="digest-title" className="digest-title">
        Since you last looked (<TimeStamp at={lastSeen} now={now} />)
      </h2>
      <p>
        {digest.total} new entr{digest.total === 1 ? 'y' : 'ies'}
        {describeCounts(digest.counts) ? `: ${describeCounts(digest.counts)}` : ''}
        {digest.authors.length ? ` · by ${digest.authors.slice(0, 5).join(', ')}${digest.authors.length > 5 ? '…' : ''}` : ''}
      </p>
      {digest.highlights.length ? (
        <ul className="digest-highlights">
          {digest.highlights.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" onClick={() => void markSeen()}>
        Got it
      </button>
    </section>
  );
}
