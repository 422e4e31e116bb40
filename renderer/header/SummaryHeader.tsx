import { AlertResolvedOffer } from './AlertResolvedOffer.js';
import './summary-header.css';
import { useState, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countdown } from '../../src/comms/cadence.js';
import { closeIncident } from '../state/actions.js';
import { useWarRoom, type WarRoomStore } from '../state/store.js';
import { selectCurrentSync, selectIncidentState, selectMe, selectReadOnly } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { clockDuration } from '../lib/time-format.js';
import { impactSpan } from '../../src/incident/milestones.js';
import { canKeepStatement } from '../lib/still-open.js';
import { SeverityBadge, StatusBadge } from '../shared/Badges.js';
import { ReviewBadge } from './ReviewBadge.js';
import { RefusedBadge } from './RefusedEvents.js';
import { SeverityControl, StatusControl } from './HeaderControls.js';
import { SummaryFacts } from './SummaryFacts.js';
import { RoleRequestBadge } from './Roster.js';
import { PublicBadge } from '../status-page/PublicBadge.js';

/** The header's one line: the header re-renders when one of these changes, not on every event. */
const selectHeaderLine = (s: WarRoomStore) => {
  const st = s.incidentState;
  if (!st) return null;
  // Status and severity are the commander's or the scribe's to change (a rule every peer enforces).
  return { title: st.title, severity: st.severity, status: st.status, keeper: canKeepStatement(st, selectMe(s)) };
};

/**
 * The executive's minute on the bridge: what is broken and how badly, for how long, the best explanation so
 * far, who is affected and told, when customers hear from us next, who is here, and whether it is all saved.
 */
export function SummaryHeader() {
  const state = useWarRoom(useShallow(selectHeaderLine));
  const sync = useWarRoom(selectCurrentSync);
  const readOnly = useWarRoom(selectReadOnly);
  const [expanded, setExpanded] = useState(false);
  if (!state) return null;
  const keeper = state.keeper;
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
        <LiveDuration />
        <NextUpdateChip />
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
        <SummaryFacts sync={sync} />
      </div>
    </header>
  );
}

/**
 * Components other parts of the app add to the header's one line (a review badge, milestones): each renders
 * its own small element (or null). Add one here; the header's layout gives every slot room in the line.
 */
const HEADER_SLOTS: ComponentType[] = [PublicBadge, ReviewBadge, RoleRequestBadge, RefusedBadge, AlertResolvedOffer];

/** The countdown to the next customer update, always in the header's one line (red when overdue). */
function NextUpdateChip() {
  const state = useWarRoom(selectIncidentState)!;
  const now = useNow(1000);
  const cd = countdown(state, now);
  return (
    <span className={`countdown chip ${cd.overdue ? 'overdue' : cd.dueSoon ? 'soon' : ''}`} data-testid="update-countdown">
      {cd.label}
    </span>
  );
}

function LiveDuration() {
  // One duration model (impact started -> resolved), the postmortem's: an impact that began days before
  // anyone opened the incident shows its whole length here too.
  const state = useWarRoom(selectIncidentState)!;
  const now = useNow(1000);
  const span = impactSpan(state, now);
  return (
    <span
      className="duration"
      aria-label="Duration"
      title={span.fromMilestone === 'impact-started' ? 'since impact started' : 'since detected'}
    >
      <span className="fact-label">{span.ended ? 'lasted' : 'for'}</span> <span className="duration-clock">{clockDuration(span.ms)}</span>
    </span>
  );
}
