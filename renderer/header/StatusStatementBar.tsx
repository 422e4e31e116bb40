import './status-statement-bar.css';
import { useShallow } from 'zustand/react/shallow';
import { useWarRoom, type WarRoomStore } from '../state/store.js';
import { selectMe, selectReadOnly } from '../state/selectors.js';
import { canKeepStatement } from '../lib/still-open.js';
import { useNow } from '../hooks/use-now.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { ExecFacts } from './ExecFacts.js';

/** The statement's latest version (a new object per version) and whether this person keeps it. */
const selectStatement = (s: WarRoomStore) => {
  const st = s.incidentState;
  if (!st) return null;
  return {
    current: st.statementHistory[st.statementHistory.length - 1] ?? null,
    keeper: canKeepStatement(st, selectMe(s)),
    staleSince: st.statementStaleSince ?? null,
    status: st.status,
  };
};

/**
 * The current status statement, on one line at the top of every view: what is broken for whom, what we are
 * doing, when we say more. Its keepers (commander, scribe) update it; each update is a new version.
 */
export function StatusStatementBar() {
  const statement = useWarRoom(useShallow(selectStatement));
  const readOnly = useWarRoom(selectReadOnly);
  const now = useNow(30_000);
  if (!statement) return null;
  const { current } = statement;
  const canEdit = !readOnly && statement.keeper;
  return (
    <section
      className={`statement-bar${statement.staleSince !== null ? ' statement-stale' : ''}`}
      aria-label="Current status"
      data-testid="status-statement"
    >
      <span className="fact-label">Current status{current ? ` v${current.version}` : ''}</span>
      {current && statement.staleSince !== null ? <StaleMark since={statement.staleSince} status={statement.status} now={now} /> : null}
      {current ? (
        <span
          className="statement-text"
          data-testid="statement-impact"
          title={[current.impact, current.doing, current.next].filter(Boolean).join('\n')}
        >
          <strong>Impact:</strong> {current.impact || '—'}
        </span>
      ) : (
        <span className="statement-text muted">none written yet{canEdit ? '' : ' (the commander or scribe keeps it)'}</span>
      )}
      {current ? (
        <span className="statement-meta muted">
          {current.by.name}, <TimeStamp at={current.at} now={now} />
        </span>
      ) : null}
      {canEdit ? (
        <button type="button" className="small" onClick={() => useWarRoom.getState().openDialog('status-statement')}>
          {current ? 'Update status' : 'Write status'}
        </button>
      ) : null}
      <span className="row-break" aria-hidden="true" />
      {current ? (
        // A line under the impact (beside the lead and customers): on a 1024-wide laptop a long impact would otherwise push "what we are doing" out of sight.
        <span className="statement-line" data-testid="statement-doing">
          <strong>Doing:</strong> {current.doing || '—'}
          {current.next ? (
            <>
              {' '}
              · <strong>Next update:</strong> {current.next}
            </>
          ) : null}
        </span>
      ) : null}
      <ExecFacts />
    </section>
  );
}

/** A statement written before the status last changed: everyone sees it may no longer be true. */
export function StaleMark({ since, status, now }: { since: number; status: string; now: number }) {
  return (
    <span className="stale-mark" data-testid="statement-stale" title="Written before the status last changed: it may no longer be true">
      stale: status is {status} since <TimeStamp at={since} now={now} />
    </span>
  );
}
