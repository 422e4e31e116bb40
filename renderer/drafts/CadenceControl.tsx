import { useState, type FormEvent } from 'react';
import type { IncidentState } from '../../src/model/incident-state.js';
import { DEFAULT_CADENCE_MINUTES } from '../../src/incident/summary.js';
import { countdown } from '../../src/comms/cadence.js';
import { setCadence } from '../state/drafts.js';
import { useNow } from '../hooks/use-now.js';
import { FormError } from '../shared/Dialog.js';

/**
 * How often customers hear from us, set by the team: the header counts down to the next update, a
 * notification comes two minutes before, and a missed one is recorded in the timeline.
 */
export function CadenceControl({ state }: { state: IncidentState }) {
  const now = useNow(1000);
  const fallback = DEFAULT_CADENCE_MINUTES[state.status];
  const current = state.cadenceMinutes ?? fallback;
  const [value, setValue] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const cd = countdown(state, now);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      setError('Give a whole number of minutes between 1 and 1440.');
      return;
    }
    const r = await setCadence(minutes);
    setError(r.ok ? null : r.error);
    if (r.ok) setValue('');
  };

  return (
    <form className="cadence" onSubmit={(e) => void submit(e)} aria-label="Update cadence">
      <h2 className="column-title">Cadence</h2>
      <p className="cadence-now">
        {current === null ? (
          'Resolved: no further update is due.'
        ) : (
          <>
            Every <strong>{current} min</strong>
            {state.cadenceMinutes === null ? <span className="muted"> (default while {state.status})</span> : null} ·{' '}
            <span className={`countdown ${cd.overdue ? 'overdue' : cd.dueSoon ? 'soon' : ''}`} data-testid="drafts-countdown">
              {cd.label}
            </span>
          </>
        )}
      </p>
      <div className="cadence-set">
        <label htmlFor="cadence-minutes">Customer updates every</label>
        <div className="cadence-row">
          <input
            id="cadence-minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            step={1}
            value={value}
            placeholder={String(current ?? 30)}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby="cadence-unit"
          />
          <span id="cadence-unit">minutes</span>
          <button type="submit" disabled={value === ''}>
            Set
          </button>
        </div>
      </div>
      <FormError error={error} />
    </form>
  );
}
