import { useState, type FormEvent } from 'react';
import type { IncidentState } from '../../src/model/incident-state.js';
import { followUps } from '../../src/incident/milestones.js';
import {
  FOLLOW_UP_STATUSES,
  FOLLOW_UP_TYPES,
  isDueDate,
  isTrackerUrl,
  type FollowUpStatus,
  type FollowUpType,
} from '../../src/model/postmortem-vocabulary.js';
import { record } from '../state/actions.js';
import { FormError } from '../shared/Dialog.js';

const TYPE_LABELS: Record<FollowUpType, string> = { prevent: 'Prevent', mitigate: 'Mitigate', detect: 'Detect', process: 'Process' };

/** Work for after the incident: owner, due date, type and an optional tracker link; marked done or dropped here. */
export function FollowUpsPanel({ state }: { state: IncidentState }) {
  const list = followUps(state);
  return (
    <section className="follow-ups-panel" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups</h2>
      <AddFollowUpForm />
      {list.length === 0 ? (
        <p className="empty muted">No follow-ups yet: each needs an owner and a due date, so this cannot happen the same way again.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Follow-ups" tabIndex={0}>
          <table className="follow-ups-table">
            <thead>
              <tr>
                <th scope="col">Action item</th>
                <th scope="col">Type</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Tracker</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr key={f.id} className={f.status === 'dropped' ? 'retracted' : undefined}>
                  <td dir="auto">{f.text}</td>
                  <td>{TYPE_LABELS[f.type]}</td>
                  <td dir="auto">{f.owner}</td>
                  <td>{f.due}</td>
                  <td className="tracker">{f.url ? <span title={f.url}>{f.url.replace(/^https?:\/\//, '')}</span> : ''}</td>
                  <td>
                    <select
                      aria-label={`Status of ${f.text}`}
                      value={f.status}
                      onChange={(e) => void record('followup.updated', { target: f.id, status: e.target.value as FollowUpStatus })}
                    >
                      {FOLLOW_UP_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const inTwoWeeks = (): string => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

function AddFollowUpForm() {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(inTwoWeeks);
  const [type, setType] = useState<FollowUpType>('prevent');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Say what needs doing.');
    if (!owner.trim()) return setError('Every follow-up needs an owner.');
    if (!isDueDate(due)) return setError('Pick a due date.');
    if (url.trim() && !isTrackerUrl(url.trim())) return setError('The tracker link must start with http:// or https://.');
    setBusy(true);
    const r = await record(
      'followup.added',
      { text: text.trim(), owner: owner.trim(), due, type, ...(url.trim() ? { url: url.trim() } : {}) },
      { quiet: true },
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setText('');
    setUrl('');
  };

  return (
    <form className="follow-up-form" onSubmit={(e) => void submit(e)} aria-label="Add a follow-up">
      <label className="grow">
        <span>Action item</span>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="alert on replication lag above 5 min"
          maxLength={10_000}
        />
      </label>
      <label>
        <span>Owner</span>
        <input value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={80} />
      </label>
      <label>
        <span>Due</span>
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <label>
        <span>Type</span>
        <select value={type} onChange={(e) => setType(e.target.value as FollowUpType)}>
          {FOLLOW_UP_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span>Tracker link (optional)</span>
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Add follow-up
      </button>
      <FormError error={error} />
    </form>
  );
}
