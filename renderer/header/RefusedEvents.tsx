import './review.css';
import { useState } from 'react';
import { kindLabel } from '../../src/kinds/index.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { Dialog } from '../shared/Dialog.js';

/**
 * What a teammate (or someone with a copied link) wrote that the rules kept out: resolving without being the
 * commander, approving their own update, editing someone else's entry. Every peer keeps the same events out
 * (src/kinds/rules.ts); this says so instead of letting them vanish, with who, when and why.
 */
export function RefusedBadge() {
  const refused = useWarRoom((s) => selectIncidentState(s)?.refused ?? NONE);
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
        title="Events the team's rules kept out of the incident"
      >
        {n} refused
      </button>
      {open ? (
        <Dialog title={`${n} event${n === 1 ? '' : 's'} refused by the rules`} labelId="refused-title" onClose={() => setOpen(false)} wide>
          <p className="muted">
            Nobody's timeline shows these: every teammate's app and the hub refuse them the same way. The log keeps them, so the postmortem
            can tell what was tried.
          </p>
          <ol className="refused-list" aria-label="Refused events">
            {refused.map((r) => (
              <li key={r.id}>
                <strong>{kindLabel(r.kind)}</strong> by {r.actor.name},{' '}
                <time dateTime={new Date(r.at).toISOString()}>{new Date(r.at).toLocaleString()}</time>
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
