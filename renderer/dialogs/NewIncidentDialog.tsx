import { useState, type FormEvent } from 'react';
import { SEVERITIES, type Severity } from '../../src/model/vocabulary.js';
import { createIncident } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { Dialog, FormError, SubmitOrCancel } from '../shared/Dialog.js';

export function NewIncidentDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError('Give the incident a title: what is broken, for whom.');
    setBusy(true);
    const r = await createIncident({ title: title.trim(), severity, ...(summary.trim() ? { summary: summary.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    close();
  };

  return (
    <Dialog title="New incident" onClose={close} labelId="new-incident-title">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          Title
          <input
            data-autofocus
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Checkout failing for EU customers"
            maxLength={200}
          />
        </label>
        <label>
          Severity
          <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          What we know so far <span className="muted">(optional)</span>
          <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />
        </label>
        <FormError error={error} />
        <SubmitOrCancel label="Open incident" busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}
