import './summary-header.css';
import { memo, useMemo, useState, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_CADENCE_MINUTES, summarize } from '../../src/incident/summary.js';
import type { IncidentState } from '../../src/incident/state.js';
import type { SyncStatus } from '../../src/ipc/contract.js';
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '../../src/model/vocabulary.js';
import { closeIncident, record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectCurrentSync, selectIncidentState, selectMe, selectReadOnly } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { clockDuration } from '../lib/time-format.js';
import { countdown } from '../../src/comms/cadence.js';
import { hypothesisLabel, hypothesisNumbers } from '../lib/hypothesis-numbers.js';
import { SeverityBadge, StatusBadge } from '../shared/Badges.js';
import { ReviewBadge } from './ReviewBadge.js';
import { RefusedBadge } from './RefusedEvents.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { DurationsFact } from './DurationsFact.js';
import { canKeepStatement } from '../lib/still-open.js';

/**
 * The executive's minute on the bridge: what is broken and how badly, for how long, the best explanation so
 * far, who is affected and told, when customers hear from us next, who is here, and whether it is all saved.
 */
export function SummaryHeader() {
  const state = useWarRoom(selectIncidentState);
  const sync = useWarRoom(selectCurrentSync);
  const readOnly = useWarRoom(selectReadOnly);
  const me = useWarRoom(selectMe);
  const [expanded, setExpanded] = useState(false);
  if (!state) return null;
  // Status and severity are the commander's or the scribe's to change (a rule every peer enforces).
  const keeper = canKeepStatement(state, me);
  return (
    <header className={`summary ${expanded ? 'summary-expanded' : ''}`} aria-label="Incident summary">
      <div className="summary-top">
        <button type="button" className="back" onClick={() => void closeIncident()} aria-label="All incidents">
          ←
        </button>
        <h1 className="summary-title" title={state.title}>
          {state.title}
        </h1>
        {readOnly || !keeper ? (
          <span className="summary-pills" title={readOnly ? undefined : 'The commander or the scribe changes the severity and the status'}>
            <SeverityBadge severity={state.severity} />
            <StatusBadge status={state.status} className="status-pill-static" />
          </span>
        ) : (
          <>
            <SeverityControl severity={state.severity} />
            <StatusControl status={state.status} />
          </>
        )}
        <LiveDuration state={state} />
        <NextUpdateChip state={state} />
        {/* Small status widgets from other parts of the app go here, one element each, in this order. */}
        <div className="header-slots">
          {HEADER_SLOTS.map((Slot, i) => (
            <Slot key={i} />
          ))}
        </div>
        <button
          type="button"
          className="small summary-toggle"
          aria-expanded={expanded}
          aria-controls="summary-details"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Less' : 'Details'}
        </button>
      </div>
      {readOnly ? (
        <p className="viewer-banner" data-testid="viewer-banner">
          Read-only: you joined with a viewer link. You can read everything; only editors can write.
        </p>
      ) : null}
      <div id="summary-details" className="summary-details" hidden={!expanded}>
        <SummaryFacts state={state} sync={sync} />
      </div>
    </header>
  );
}

/**
 * Components other parts of the app add to the header's one line (a review badge, milestones): each renders
 * its own small element (or null). Add one here; the header's layout gives every slot room in the line.
 */
const HEADER_SLOTS: ComponentType[] = [ReviewBadge, RefusedBadge];

/** The countdown to the next customer update, always in the header's one line (red when overdue). */
function NextUpdateChip({ state }: { state: IncidentState }) {
  const now = useNow(1000);
  const cd = countdown(state, now);
  return (
    <span className={`countdown chip ${cd.overdue ? 'overdue' : cd.dueSoon ? 'soon' : ''}`} data-testid="update-countdown">
      {cd.label}
    </span>
  );
}

/** Saved/synced in one word, a button to the team room dialog (in the tab bar, beside Share). */
export function SyncChip({ sync }: { sync: SyncStatus | null }) {
  const openDialog = useWarRoom((s) => s.openDialog);
  const label = syncLabel(sync);
  const state = !sync || sync.state === 'local' ? 'local' : sync.paused ? 'offline' : sync.state;
  return (
    <button
      type="button"
      className="link-button chip"
      onClick={() => openDialog('host-room')}
      data-testid="sync-state"
      title="Saved on this disk; synced means on the hub's disk"
    >
      <span className={`sync-dot sync-${state}`} aria-hidden="true" /> {label}
      {sync && sync.unsynced > 0 ? <span className="unsynced"> · {sync.unsynced} not yet synced</span> : null}
    </button>
  );
}

const syncLabel = (sync: SyncStatus | null): string =>
  !sync || sync.state === 'local'
    ? 'not shared'
    : sync.paused
      ? 'offline (paused)'
      : sync.state === 'connected'
        ? sync.unsynced === 0
          ? 'synced'
          : 'syncing'
        : sync.state === 'connecting'
          ? 'connecting'
          : 'offline';

function SeverityControl({ severity }: { severity: Severity }) {
  return (
    <label className={`pill-select severity-${severity.toLowerCase()}`}>
      <span className="visually-hidden">Severity</span>
      <select value={severity} onChange={(e) => useWarRoom.getState().openDialog('severity', e.target.value as Severity)}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

function StatusControl({ status }: { status: IncidentStatus }) {
  return (
    <label className={`pill-select status-pill status-${status}`}>
      <span className="visually-hidden">Incident status</span>
      <select value={status} onChange={(e) => changeStatus(e.target.value as IncidentStatus)}>
        {INCIDENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Resolving asks about what is still open first; the other statuses change at once. */
export function changeStatus(status: IncidentStatus): void {
  if (status === 'resolved') useWarRoom.getState().openDialog('resolve');
  else void record('incident.updated', { status });
}

function LiveDuration({ state }: { state: IncidentState }) {
  const now = useNow(1000);
  const end = state.resolvedAt ?? now;
  return (
    <span className="duration" aria-label="Duration">
      <span className="fact-label">{state.resolvedAt ? 'lasted' : 'for'}</span>{' '}
      <span className="duration-clock">{clockDuration(end - state.openedAt)}</span>
    </span>
  );
}

const SummaryFacts = memo(function SummaryFacts({ state, sync }: { state: IncidentState; sync: SyncStatus | null }) {
  const now = useNow(1000);
  const me = useWarRoom(selectMe);
  // This re-renders every second for the countdown; the summary walks every hypothesis, action and customer,
  // so it is worked out once per folded state. (Its only clock-dependent field, the duration, is not shown
  // here: LiveDuration keeps its own clock.)
  const summary = useMemo(() => summarize(state, Date.now()), [state]);
  const numbers = hypothesisNumbers(state);
  const leading = summary.lead;
  const open = summary.openHypotheses;
  const cd = countdown(state, now);
  const cadence = state.status === 'resolved' ? null : (state.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES[state.status]);
  const people = [me?.name ?? 'You', ...(sync?.members ?? []).map((m) => m.name).filter((n) => n !== me?.name)];
  const roles = Object.entries(state.roles).map(([role, p]) => `${role}: ${p!.name}`);

  return (
    <dl className="facts">
      <div className="fact fact-wide" data-testid="leading-hypothesis">
        <dt>Leading hypothesis</dt>
        <dd>
          {leading ? (
            <>
              <span className="ref">{hypothesisLabel(numbers.get(leading.id) ?? 0)}</span> {leading.text}{' '}
              <StatusBadge status={leading.status} />
            </>
          ) : (
            <span className="muted">
              none yet
              {open.length
                ? ` (${open.length} open: ${open
                    .slice(0, 3)
                    .map((h) => `${hypothesisLabel(numbers.get(h.id) ?? 0)} ${h.text}`)
                    .join('; ')}${open.length > 3 ? '…' : ''})`
                : ': type “h …” below'}
            </span>
          )}
        </dd>
      </div>
      <div className="fact" data-testid="customers-fact">
        <dt>Customers</dt>
        <dd>
          <strong>{summary.customersAffected}</strong> affected · <strong>{summary.customersNotified}</strong> notified
        </dd>
      </div>
      <div className="fact" data-testid="updates-fact">
        <dt>Customer updates</dt>
        <dd>
          <span className={`countdown ${cd.overdue ? 'overdue' : cd.dueSoon ? 'soon' : ''}`}>{cd.label}</span>
          <span className="fact-sub">
            {cadence !== null ? `every ${cadence} min · ` : ''}
            {summary.lastUpdateAt ? (
              <>
                last sent <TimeStamp at={summary.lastUpdateAt} now={now} />
              </>
            ) : (
              'none sent yet'
            )}
          </span>
        </dd>
      </div>
      <div className="fact" data-testid="work-fact">
        <dt>Work</dt>
        <dd>
          {plural(summary.hypothesesOpen, 'open hypothesis', 'open hypotheses')}
          <span className="fact-sub">{plural(summary.actionsRunning, 'action', 'actions')} running</span>
        </dd>
      </div>
      <DurationsFact state={state} />
      <div className="fact" data-testid="room-fact">
        <dt>In the room</dt>
        <dd>
          {people.join(', ')}
          {roles.length ? <span className="fact-sub">{roles.join('; ')}</span> : null}
        </dd>
      </div>
      <div className="fact" data-testid="sync-fact">
        <dt>Saved / synced</dt>
        <dd>
          <SyncState sync={sync} />
        </dd>
      </div>
    </dl>
  );
});

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Saved" is this disk; "synced" is the hub's disk. Both are shown, with the count in between. */
export function SyncState({ sync }: { sync: SyncStatus | null }) {
  const openDialog = useWarRoom((s) => s.openDialog);
  if (!sync || sync.state === 'local') {
    return (
      <>
        <span className="sync-dot sync-local" aria-hidden="true" /> saved on this disk
        <span className="fact-sub">
          <button type="button" className="link-button" onClick={() => openDialog('host-room')}>
            not shared: share…
          </button>
        </span>
      </>
    );
  }
  const label = sync.paused
    ? 'offline (paused)'
    : sync.state === 'connected'
      ? sync.unsynced === 0
        ? 'synced'
        : 'syncing'
      : sync.state === 'connecting'
        ? 'connecting'
        : 'offline';
  return (
    <>
      <span className={`sync-dot sync-${sync.paused ? 'offline' : sync.state}`} aria-hidden="true" /> saved on this disk
      <span className="fact-sub">
        <button type="button" className="link-button" onClick={() => openDialog('host-room')}>
          {label}
        </button>
        {sync.unsynced > 0 ? <span className="unsynced"> · {sync.unsynced} not yet synced</span> : null}
      </span>
      {sync.error ? <span className="fact-sub sync-error">{sync.error}</span> : null}
    </>
  );
}

/** Multi-field read for the tab bar (useShallow keeps it from re-rendering on unrelated changes). */
export function useViewCounts() {
  return useWarRoom(useShallow((s) => (s.incidentState ? viewCounts(s.incidentState) : NO_COUNTS)));
}

const NO_COUNTS = { timeline: 0, hypotheses: 0, customers: 0, drafts: 0, followUps: 0 };
const countsByState = new WeakMap<IncidentState, typeof NO_COUNTS>();

/** Once per folded state: the selector runs on every store change (a toast, a focus request), the counts walk every entry. */
function viewCounts(st: IncidentState): typeof NO_COUNTS {
  let counts = countsByState.get(st);
  if (!counts) {
    counts = {
      timeline: st.timeline.length,
      hypotheses: st.hypotheses.filter((id) => st.entries[id]?.retracted === null).length,
      customers: st.impactOrder.filter((id) => st.impacts[id]?.retracted === null).length,
      drafts: st.draftOrder.filter((id) => st.drafts[id]?.retracted === null && st.drafts[id]?.publishedAt === null).length,
      followUps: (st.followUpOrder ?? []).filter((id) => st.followUps?.[id]?.status === 'open').length,
    };
    countsByState.set(st, counts);
  }
  return counts;
}
