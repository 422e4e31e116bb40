import { memo, useMemo } from 'react';
import { DEFAULT_CADENCE_MINUTES, summarize } from '../../src/incident/summary.js';
import type { RoomMember, SyncStatus } from '../../src/ipc/contract.js';
import { ROLE_LABELS, type Role } from '../../src/model/vocabulary.js';
import { Roster } from './Roster.js';
import { countdown } from '../../src/comms/cadence.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectMe } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { hypothesisLabel, hypothesisNumbers } from '../lib/hypothesis-numbers.js';
import { StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { DurationsFact } from './DurationsFact.js';
import { SyncState } from './SyncStatus.js';
import { StatusPageFact } from '../status-page/StatusPageFact.js';

/** The details under the header's line: everything at once, so it reads the whole folded state (and ticks every second). */
export const SummaryFacts = memo(function SummaryFacts({ sync }: { sync: SyncStatus | null }) {
  const state = useWarRoom(selectIncidentState)!;
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
  const roles = Object.entries(state.roles).map(([role, p]) => `${ROLE_LABELS[role as Role]}: ${p!.name}`);

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
      <StatusPageFact />
      <Roster members={sync?.members ?? NO_MEMBERS} />
    </dl>
  );
});

const NO_MEMBERS: RoomMember[] = [];

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
