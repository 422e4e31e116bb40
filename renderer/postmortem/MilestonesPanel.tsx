import { useState, type FormEvent } from 'react';
import { windowClock } from '../lib/time-format.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { durationViews, milestoneViews, type MilestoneView } from '../../src/incident/milestones.js';
import { formatDuration } from '../../src/export/time-zone.js';
import { record } from '../state/actions.js';
import { FormError } from '../shared/Dialog.js';

/** "2026-11-22T13:55" in this machine's zone, what a datetime-local input holds. */
const toLocalInput = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const clock = (ms: number): string => windowClock(ms, Date.now());

/**
 * The five milestones, each settable after the fact (a datetime in this machine's zone), with who set it,
 * and the four durations they give. Unset ones say where the log's own guess comes from.
 */
export function MilestonesPanel({ state }: { state: IncidentState }) {
  const milestones = milestoneViews(state);
  const durations = durationViews(milestones);
  return (
    <section className="milestones-panel" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Milestones</h2>
      <table className="milestones-table">
        <caption className="visually-hidden">Incident milestones and who set them</caption>
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col">When</th>
            <th scope="col">From</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <MilestoneRow key={m.key} milestone={m} />
          ))}
        </tbody>
      </table>
      <dl className="durations" aria-label="Durations">
        {durations.map((d) => (
          <div key={d.key} data-duration={d.key}>
            <dt>{d.label}</dt>
            <dd>{d.ms === null ? '—' : formatDuration(d.ms)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function MilestoneRow({ milestone: m }: { milestone: MilestoneView }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = () => {
    setValue(toLocalInput(m.at ?? Date.now()));
    setError(null);
    setEditing(true);
  };
  const save = async (at: number | null) => {
    setBusy(true);
    const r = await record('milestone.set', { milestone: m.key, at }, { quiet: true });
    setBusy(false);
    if (r.ok) setEditing(false);
    else setError(r.error);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = new Date(value).getTime();
    if (!value || Number.isNaN(at)) return setError('Enter a date and time.');
    if (at > Date.now() + 60_000) return setError('A milestone cannot be in the future.');
    void save(at);
  };

  return (
    <tr data-milestone={m.key}>
      <th scope="row">{m.label}</th>
      <td>
        {m.at === null ? <span className="muted">not recorded</span> : <time dateTime={new Date(m.at).toISOString()}>{clock(m.at)}</time>}
      </td>
      <td className="muted">{m.source === 'recorded' ? `set by ${m.by?.name ?? '?'}` : (m.source ?? '')}</td>
      <td>
        {editing ? (
          <form className="milestone-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
            <label>
              <span className="visually-hidden">{m.label} at</span>
              <input
                type="datetime-local"
                value={value}
                autoFocus
                onChange={(e) => setValue(e.target.value)}
                aria-label={`${m.label} at`}
              />
            </label>
            <button type="submit" className="small primary" disabled={busy}>
              Save
            </button>
            {m.source === 'recorded' ? (
              <button type="button" className="small" disabled={busy} onClick={() => void save(null)}>
                Clear
              </button>
            ) : null}
            <button type="button" className="small" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <FormError error={error} />
          </form>
        ) : (
          <button type="button" className="small" onClick={open} aria-label={`Set ${m.label.toLowerCase()}`}>
            Set…
          </button>
        )}
      </td>
    </tr>
  );
}
