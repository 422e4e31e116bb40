import { useMemo, useState, type FormEvent, type RefObject } from 'react';
import {
  DRAFT_AUDIENCES,
  DRAFT_CHANNELS,
  TEMPLATE_KEYS,
  type DraftAudience,
  type DraftChannel,
  type TemplateKey,
} from '../../src/model/vocabulary.js';
import { TEMPLATE_FOR_STATUS } from '../../src/comms/templates.js';
import { createDraft } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS, TEMPLATE_LABELS } from '../lib/draft-labels.js';
import { FormError } from '../shared/Dialog.js';

const NO_CUSTOMERS: string[] = [];

/** Starts a draft for an audience and a channel, from the template for the incident's status (or another). */
export function NewDraftForm({ selectRef, onCreated }: { selectRef: RefObject<HTMLSelectElement | null>; onCreated: () => void }) {
  const status = useWarRoom((s) => s.incidentState?.status ?? 'investigating');
  const state = useWarRoom(selectIncidentState);
  const customers = useMemo(
    () =>
      state
        ? state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).map((id) => state.impacts[id]!.customer)
        : NO_CUSTOMERS,
    [state],
  );
  const [audience, setAudience] = useState<DraftAudience>('affected');
  const [channel, setChannel] = useState<DraftChannel>('status-page');
  const [customer, setCustomer] = useState('');
  const [template, setTemplate] = useState<TemplateKey | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await createDraft({
      audience,
      channel,
      template: template || TEMPLATE_FOR_STATUS[status],
      ...(audience === 'customer' ? { customer: customer.trim() } : {}),
    });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) onCreated();
  };
  return (
    <form className="new-draft" onSubmit={(e) => void submit(e)} aria-label="New customer update">
      <h2 className="column-title">New update</h2>
      <div className="new-draft-fields">
        <label>
          For
          <select ref={selectRef} aria-label="For" value={audience} onChange={(e) => setAudience(e.target.value as DraftAudience)}>
            {DRAFT_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel
          <select aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as DraftChannel)}>
            {DRAFT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {audience === 'customer' ? (
        <label>
          Customer
          <input value={customer} onChange={(e) => setCustomer(e.target.value)} list="draft-customers" required autoComplete="off" />
          <datalist id="draft-customers">
            {customers.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
      ) : null}
      <label>
        Template
        <select aria-label="Template" value={template} onChange={(e) => setTemplate(e.target.value as TemplateKey | '')}>
          <option value="">For the status: {TEMPLATE_LABELS[TEMPLATE_FOR_STATUS[status]]}</option>
          {TEMPLATE_KEYS.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        New draft
      </button>
      <FormError error={error} />
    </form>
  );
}
