import './catch-up.css';
import { useEffect, useMemo, useRef } from 'react';
import type { IncidentState, TimelineRow } from '../../src/incident/state.js';
import { summarize } from '../../src/incident/summary.js';
import { countdown } from '../../src/comms/cadence.js';
import { severityDefinition } from '../../src/incident/severity-definitions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { hypothesisLabel, hypothesisNumbers } from '../lib/hypothesis-numbers.js';
import { clockDuration } from '../lib/time-format.js';
import { useNow } from '../hooks/use-now.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { SeverityBadge, StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/**
 * "Catch me up": the situation in a minute for anyone opening the incident for the first time or after a
 * while (or asking the palette for a summary): the current status, the lead, what is open, the key events,
 * who holds which role, and the last and next customer update.
 */
export function CatchUpView({ stacked = false }: { stacked?: boolean }) {
  const state = useWarRoom(selectIncidentState)!;
  const now = useNow(1000);
  const ref = useRef<HTMLElement>(null);
  useFocusTarget('catch-up', ref);
  // Shown on opening: take focus only if nobody has put it somewhere yet (stacked above the timeline, it is simply first).
  useEffect(() => {
    if (!stacked && (document.activeElement === document.body || document.activeElement === null)) ref.current?.focus();
  }, [stacked]);
  const summary = useMemo(() => summarize(state, Date.now()), [state]);
  const numbers = hypothesisNumbers(state);
  const current = state.statementHistory[state.statementHistory.length - 1] ?? null;
  const keyEvents = useMemo(() => keyEventsOf(state), [state]);
  const cd = countdown(state, now);
  const last = state.updates[state.updates.length - 1] ?? null;
  const roles = Object.entries(state.roles);
  const close = () => {
    useWarRoom.getState().setCatchUpOpen(false);
    // Stacked, the timeline is just below: take the reader there.
    useWarRoom.getState().requestFocus(stacked ? 'view-timeline' : 'quick-entry');
  };
  return (
    <section
      className={`catch-up${stacked ? ' catch-up-stacked' : ''}`}
      ref={ref}
      tabIndex={-1}
      aria-labelledby="catch-up-title"
      data-testid="catch-up"
    >
      <div className="catch-up-head">
        <h2 id="catch-up-title">Catch me up</h2>
        <button type="button" className="primary" onClick={close}>
          {stacked ? 'Timeline ↓' : 'Go to the timeline'}
        </button>
      </div>
      <div className="catch-up-grid">
        <section aria-labelledby="cu-status" className="catch-up-card catch-up-wide">
          <h3 id="cu-status">Current status</h3>
          <p>
            <SeverityBadge severity={state.severity} /> <StatusBadge status={state.status} /> for{' '}
            <strong>{clockDuration((state.resolvedAt ?? now) - state.openedAt)}</strong>
            <span className="muted"> · {severityDefinition(state, state.severity)}</span>
          </p>
          {current ? (
            <dl className="statement-full">
              <dt>Impact</dt>
              <dd>{current.impact || '—'}</dd>
              <dt>What we are doing</dt>
              <dd>{current.doing || '—'}</dd>
              <dt>Next update</dt>
              <dd>{current.next || '—'}</dd>
              <dd className="muted">
                version {current.version} by {current.by.name}, <TimeStamp at={current.at} now={now} />
              </dd>
            </dl>
          ) : (
            <p className="muted">No status statement written yet.</p>
          )}
        </section>
        <section aria-labelledby="cu-lead" className="catch-up-card">
          <h3 id="cu-lead">Leading hypothesis</h3>
          <p data-testid="catch-up-lead">
            {summary.lead ? (
              <>
                <span className="ref">{hypothesisLabel(numbers.get(summary.lead.id) ?? 0)}</span> {summary.lead.text}{' '}
                <StatusBadge status={summary.lead.status} />
              </>
            ) : (
              'none yet'
            )}
          </p>
          <h3>Open hypotheses</h3>
          {summary.openHypotheses.length ? (
            <ul data-testid="catch-up-open">
              {summary.openHypotheses.map((h) => (
                <li key={h.id}>
                  <span className="ref">{hypothesisLabel(numbers.get(h.id) ?? 0)}</span> {h.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">none</p>
          )}
        </section>
        <section aria-labelledby="cu-updates" className="catch-up-card">
          <h3 id="cu-updates">Customer updates</h3>
          <p data-testid="catch-up-updates">
            Last:{' '}
            {last ? (
              <>
                <TimeStamp at={last.at} now={now} /> ({last.channel}) by {last.by.name}
              </>
            ) : (
              'none sent yet'
            )}
            <br />
            <span className={`countdown ${cd.overdue ? 'overdue' : cd.dueSoon ? 'soon' : ''}`}>{cd.label}</span>
          </p>
          <p>
            <strong>{summary.customersAffected}</strong> customers affected · <strong>{summary.customersNotified}</strong> notified
          </p>
          <h3 id="cu-roles">Roles</h3>
          {roles.length ? (
            <ul data-testid="catch-up-roles">
              {roles.map(([role, p]) => (
                <li key={role}>
                  {role}: <strong>{p!.name}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">nobody has taken a role</p>
          )}
        </section>
        <section aria-labelledby="cu-key" className="catch-up-card catch-up-wide">
          <h3 id="cu-key">Key events</h3>
          <ol className="key-events" data-testid="catch-up-key-events">
            {keyEvents.map((r) => (
              <li key={r.id}>
                <TimeStamp at={r.at} now={now} showClock /> <strong>{r.author.name}</strong>: {describeKey(r, numbers)}
                {state.keyEvents[r.id] ? <span className="pin-mark"> ★ pinned</span> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}

/** Pinned rows, and the ones that always matter: opening, status changes, confirmed and ruled-out hypotheses, published updates. */
function keyEventsOf(state: IncidentState): TimelineRow[] {
  return state.timeline.filter(
    (r) =>
      !r.retracted &&
      (state.keyEvents[r.id] !== undefined ||
        r.kind === 'incident.opened' ||
        (r.kind === 'incident.updated' && r.status !== undefined) ||
        (r.kind === 'hypothesis.status' && (r.status === 'confirmed' || r.status === 'ruled-out')) ||
        r.kind === 'draft.published'),
  );
}

function describeKey(r: TimelineRow, numbers: Map<string, number>): string {
  const ref = numbers.has(r.entryId) ? `${hypothesisLabel(numbers.get(r.entryId)!)} ` : '';
  switch (r.kind) {
    case 'incident.opened':
      return `opened “${r.text}”`;
    case 'incident.updated':
      return r.text;
    case 'hypothesis.status':
      return `${ref}${r.subject ?? ''} ${r.status}${r.text ? ` — ${r.text}` : ''}`;
    case 'draft.published':
      return `customer update published: ${r.text.length > 140 ? `${r.text.slice(0, 139)}…` : r.text}`;
    default:
      return `${ref}${r.subject ? `${r.subject} — ` : ''}${r.text}`;
  }
}
