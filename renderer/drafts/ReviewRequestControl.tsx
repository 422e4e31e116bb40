import { useState } from 'react';
import { REVIEW_OVERDUE_MS } from '../../src/comms/review-requests.js';
import { APPROVER_ROLES, samePerson, type Person } from '../../src/model/identity.js';
import { ROLE_LABELS, type Role } from '../../src/model/vocabulary.js';
import type { Draft, IncidentState } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import { useNow } from '../hooks/use-now.js';
import { FormError } from '../shared/Dialog.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/**
 * "Request review from": once a draft is marked ready, ask a holder of the commander or comms role to approve
 * it. They get a notification and a badge in their header; here everyone sees who is asked, since when, and
 * when the wait is overdue.
 */
export function ReviewRequestControl({ state, draft }: { state: IncidentState; draft: Draft }) {
  const now = useNow(15_000);
  const [error, setError] = useState<string | null>(null);
  const holders: { person: Person; roles: string[] }[] = [];
  for (const role of APPROVER_ROLES) {
    const person = state.roles[role];
    // Only a holder the rules can tell apart (by key-derived id), and not whoever marked it ready: the rules refuse the rest.
    if (!person?.id || samePerson(person, draft.readyBy)) continue;
    const known = holders.find((h) => samePerson(h.person, person));
    if (known) known.roles.push(role);
    else holders.push({ person, roles: [role] });
  }
  const request = draft.reviewRequest;
  const others = holders.filter((h) => !request || !samePerson(h.person, request.reviewer));
  const [choice, setChoice] = useState(0);
  const ask = async () => {
    const h = others[Math.min(choice, others.length - 1)];
    if (!h) return;
    const r = await record(
      'draft.review-requested',
      { target: draft.id, reviewer: { ...(h.person.id ? { id: h.person.id } : {}), name: h.person.name } },
      { quiet: true },
    );
    setError(r.ok ? null : r.error);
  };
  const overdue = request !== null && now - request.at >= REVIEW_OVERDUE_MS;
  return (
    <div className="review-request">
      {request ? (
        <p className={`small-text ${overdue ? 'has-errors' : ''}`} data-testid="review-request">
          Waiting for {request.reviewer.name}&apos;s approval, asked by {request.by.name} <TimeStamp at={request.at} now={now} />
          {overdue ? <strong> · overdue</strong> : null}
        </p>
      ) : null}
      {others.length ? (
        <span className="review-request-ask">
          <label>
            {request ? 'Ask someone else' : 'Request review from'}{' '}
            <select value={Math.min(choice, others.length - 1)} onChange={(e) => setChoice(Number(e.target.value))}>
              {others.map((h, i) => (
                <option key={h.person.id ?? h.person.name} value={i}>
                  {h.person.name} ({h.roles.map((r) => (r === 'comms' ? 'comms lead' : ROLE_LABELS[r as Role])).join(', ')})
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" onClick={() => void ask()}>
            Request review
          </button>
        </span>
      ) : request ? null : (
        <p className="muted small-text">Nobody else holds the commander or comms role yet: assign one (Ctrl+K) to ask them to approve.</p>
      )}
      <FormError error={error} />
    </div>
  );
}
