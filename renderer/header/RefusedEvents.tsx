import './review.css';
import { windowClock } from '../lib/time-format.js';
import { useMemo, useState } from 'react';
import { kindLabel } from '../../src/kinds/index.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { Dialog } from '../shared/Dialog.js';

/**
 * What a teammate (or someone with a copied link) wrote that the rules kept out: resolving without being the
 * commander, approving their own update, editing someone else's entry. Every peer keeps the same events out
 * (src/kinds/rules.ts); this says so instead of letting them vanish, with who, when and why. Events whose
 * signature did not hold when they arrived (altered on the way, forged) are kept out here too, and listed.
 */
export function RefusedBadge() {
  const ruled = useWarRoom((s) => selectIncidentState(s)?.refused ?? NONE);
  const keptOut = useWarRoom((s) => s.keptOut);
  const refused = useMemo(() => (keptOut.length ? [...ruled, ...keptOut] : ruled), [ruled, keptOut]);
  const [open, setOpen] = useState(false);
  if (refused.length === 0) return null;
  const n = refused.length;
  return (
    <>
      <button
        type="button"
        className="review-badge overdue"
        data-testid="refused-badge"
        onClick={() => setOpen(true)}
        title="Events kept out of the incident: the team's rules refused them, or their signature did not hold"
      >
        {n} refused
      </button>
      {open ? (
        <Dialog title={`${n} event${n === 1 ? '' : 's'} refused`} labelId="refused-title" onClose={() => setOpen(false)} wide>
          <p className="muted">
            Nobody's timeline shows these. Events that broke the team's rules are refused the same way by every teammate's app and the hub,
            and the log keeps them, so the postmortem can tell what was tried. Events whose signature did not hold were changed on the way
            or forged: this window never took them in.
          </p>
          <ol className="refused-list" aria-label="Refused events">
            {refused.map((r) => (
              <li key={r.id}>
                <strong>{kindLabel(r.kind)}</strong> by {r.actor.name},{' '}
                <time dateTime={new Date(r.at).toISOString()}>{windowClock(r.at, Date.now())}</time>
                <div className="muted">{r.reason}</div>
              </li>
            ))}
          </ol>
        </Dialog>
      ) : null}
    </>
  );
}

const NONE: readonly never[] = [];
