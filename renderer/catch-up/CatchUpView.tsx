import './catch-up.css';
import { useEffect, useMemo, useRef } from 'react';
import { summarize } from '../../src/incident/summary.js';
import { keyEvents } from '../../src/incident/key-events.js';
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
import { StaleMark } from '../header/StatusStatementBar.js';
import { ROLE_LABELS, type Role } from '../../src/model/vocabulary.js';
import type { IncidentState } from '../../src/model/incident-state.js';

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
  const keys = useMemo(() => keyEvents(state), [state]);
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
          <SeverityWhy state={state} now={now} />
          {current ? (
            <dl className="statement-full">
              <dt>Impact</dt>
              <dd>{current.impact || '—'}</dd>
              <dt>What we are doing</dt>
              <dd>{current.doing || '—'}</dd>
              <dt>Next update</dt>
              <dd>{current.next || '—'}</dd>
              <dd className="muted">
                version {current.version} by {current.by.name}, <TimeStamp at={current.at} now={now} />{' '}
                {state.statementStaleSince != null ? <StaleMark since={state.statementStaleSince} status={state.status} now={now} /> : null}
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
                  {ROLE_LABELS[role as Role]}: <strong>{p!.name}</strong>
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
            {keys.map((k, i) => (
              <li key={`${k.rowId ?? k.kind}-${i}`}>
                <TimeStamp at={k.at} now={now} showClock /> {k.by ? <strong>{k.by.name}</strong> : null}
                {k.by ? ': ' : ''}
                {k.what}
                {k.pinned ? <span className="pin-mark"> ★ pinned</span> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}

/** Why the severity is what it is: the last change, by whom, when, and the reason they gave. */
function SeverityWhy({ state, now }: { state: IncidentState; now: number }) {
  const change = state.severityHistory?.[state.severityHistory.length - 1];
  if (!change || state.severityHistory!.length < 2) return null;
  const before = state.severityHistory![state.severityHistory!.length - 2]!.severity;
  return (
    <p data-testid="catch-up-severity-why">
      {before} → <strong>{change.severity}</strong> by {change.by.name}, <TimeStamp at={change.at} now={now} />
      {change.reason ? <>: “{change.reason}”</> : <span className="muted"> (no reason given)</span>}
    </p>
  );
}
