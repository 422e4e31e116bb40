import './customers.css';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { CustomerImpact } from '../../src/model/incident-state.js';
import { IMPACT_LEVELS, type ImpactLevel } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectReadOnly, selectImpactSort } from '../state/selectors.js';
import { selectImpacts } from './customers-view.js';
import { IMPACT_SORTS, sortImpacts, type ImpactSort } from '../lib/impact-sort.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useNow } from '../hooks/use-now.js';
import { BulkActionsBar } from './BulkActionsBar.js';
import { FormError } from '../shared/Dialog.js';
import { RecentlyRemoved } from './RecentlyRemoved.js';
import { EmailState } from './EmailState.js';
import { ResendFailed } from './ResendFailed.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/**
 * Who is affected and what each was told and offered. Sorted worst-hit and not-yet-told first by default,
 * so the top row is who to call next.
 */
export function ImpactList() {
  const all = useWarRoom(selectImpacts)!;
  const sort = useWarRoom(selectImpactSort);
  const setSort = useWarRoom((s) => s.setImpactSort);
  const openDialog = useWarRoom((s) => s.openDialog);
  const now = useNow(30_000);
  const impacts = useMemo(
    () =>
      sortImpacts(
        all.filter((i) => i.retracted === null),
        sort,
      ),
    [all, sort],
  );
  const nameRef = useRef<HTMLInputElement>(null);
  useFocusTarget('view-customers', nameRef);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? new Set([...s, id]) : new Set([...s].filter((x) => x !== id))));
  const readOnly = useWarRoom(selectReadOnly);
  const state = useWarRoom(selectIncidentState)!;

  return (
    <div className="customers">
      {readOnly ? <p className="muted">Read-only: you joined with a viewer link.</p> : <AddCustomerForm nameRef={nameRef} />}
      <div className="table-tools">
        <label>
          <span className="filter-label">Sort by</span>
          <select aria-label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as ImpactSort)}>
            {IMPACT_SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => openDialog('import-customers')}>
          Import from CSV…
        </button>
        <span className="muted">
          {impacts.length} affected · {impacts.filter((i) => i.notifiedAt !== null).length} notified
        </span>
        <ResendFailed state={state} />
      </div>
      <RecentlyRemoved impacts={all} now={now} />
      {impacts.length ? <BulkActionsBar impacts={impacts} selected={selected} onSelect={setSelected} /> : null}
      {impacts.length === 0 ? (
        <p className="empty muted">No affected customers listed yet. Add them above, or import a CSV.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Affected customers" tabIndex={0}>
          <fieldset disabled={readOnly} className="read-only-draft">
            <table className="impact-table">
              <caption className="visually-hidden">Affected customers, what they were told and offered</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Selected</span>
                  </th>
                  <th scope="col">Customer</th>
                  <th scope="col">Impact</th>
                  <th scope="col">Notified</th>
                  <th scope="col">Acknowledged</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Credit offered</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {impacts.map((i) => (
                  <ImpactRow key={i.id} impact={i} now={now} selected={selected.has(i.id)} onSelect={(on) => toggle(i.id, on)} />
                ))}
              </tbody>
            </table>
          </fieldset>
        </div>
      )}
    </div>
  );
}

function AddCustomerForm({ nameRef }: { nameRef: RefObject<HTMLInputElement | null> }) {
  const [customer, setCustomer] = useState('');
  const [level, setLevel] = useState<ImpactLevel>('major');
  const [segment, setSegment] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!customer.trim()) return setError('Type the customer’s name.');
    const r = await record(
      'impact.added',
      {
        customer: customer.trim(),
        level,
        ...(segment.trim() ? { segment: segment.trim() } : {}),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
      },
      { quiet: true },
    );
    if (!r.ok) return setError(r.error);
    setError(null);
    setCustomer('');
    setSegment('');
    setContact('');
    nameRef.current?.focus();
  };
  return (
    <form className="add-customer" onSubmit={(e) => void submit(e)} aria-label="Add an affected customer">
      <label>
        Customer
        <input ref={nameRef} value={customer} onChange={(e) => setCustomer(e.target.value)} placeholder="Acme Corp" maxLength={80} />
      </label>
      <label>
        Impact
        <select aria-label="Impact" value={level} onChange={(e) => setLevel(e.target.value as ImpactLevel)}>
          {IMPACT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Segment <span className="muted">(optional)</span>
        <input value={segment} onChange={(e) => setSegment(e.target.value)} placeholder="Enterprise EU" maxLength={80} />
      </label>
      <label>
        Contact <span className="muted">(optional)</span>
        <input value={contact} onChange={(e) => setContact(e.target.value)} placeholder="ops@acme.example" maxLength={200} />
      </label>
      <button type="submit" className="primary">
        Add customer
      </button>
      <FormError error={error} />
    </form>
  );
}

function ImpactRow({
  impact,
  now,
  selected,
  onSelect,
}: {
  impact: CustomerImpact;
  now: number;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const update = (changes: Record<string, unknown>) => record('impact.updated', { target: impact.id, ...changes });
  const who = impact.customer;
  return (
    <tr className={`impact-row level-${impact.level} ${impact.resolved ? 'resolved' : ''}`} data-customer={who}>
      <td>
        <input type="checkbox" aria-label={`Select ${who}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
      </td>
      <td>
        {editing ? (
          <EditCustomer
            impact={impact}
            onDone={() => {
              setEditing(false);
              requestAnimationFrame(() => editRef.current?.focus());
            }}
          />
        ) : (
          <>
            <strong className="customer-name">{who}</strong>
            {impact.segment ? <span className="muted"> · {impact.segment}</span> : null}
            {impact.contact ? (
              <div className="muted small-text">
                {impact.contact}
                {impact.contactVerified ? ' (verified)' : ' (not verified)'}
              </div>
            ) : null}
            {impact.note ? <div className="small-text">{impact.note}</div> : null}
          </>
        )}
      </td>
      <td>
        <select
          aria-label={`Impact on ${who}`}
          value={impact.level}
          className={`level level-${impact.level}`}
          onChange={(e) => void update({ level: e.target.value })}
        >
          {IMPACT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </td>
      <td>
        {impact.notifiedAt !== null ? (
          <span className="notified">
            ✓ <TimeStamp at={impact.notifiedAt} now={now} />{' '}
            <button
              type="button"
              className="link-button"
              aria-label={`undo: ${who} notified`}
              onClick={() => void update({ notifiedAt: null })}
            >
              undo
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="small"
            onClick={() => void update({ notifiedAt: Date.now() })}
            aria-label={`Mark notified: ${who}`}
          >
            Mark notified
          </button>
        )}
        <EmailState impact={impact} now={now} />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${who} acknowledged`}
          checked={impact.acknowledged}
          onChange={(e) => void update({ acknowledged: e.target.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${who} resolved`}
          checked={impact.resolved}
          onChange={(e) => void update({ resolved: e.target.checked })}
        />
      </td>
      <td>
        <CreditField impact={impact} onSave={(credit) => update({ credit })} />
      </td>
      <td className="row-actions">
        <button
          ref={editRef}
          type="button"
          className="small"
          onClick={() => setEditing(true)}
          aria-label={`Edit ${who}`}
          disabled={editing}
        >
          Edit
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void record('entry.retracted', { target: impact.id, reason: 'removed from the customer list' })}
          aria-label={`Remove ${who}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/**
 * The credit offered, saved on Enter or when leaving the field. Uncontrolled (it reads what is in the box);
 * when someone else changes the credit, the box follows unless the person is typing in it.
 */
function CreditField({ impact, onSave }: { impact: CustomerImpact; onSave: (credit: string) => Promise<unknown> }) {
  const saved = impact.credit ?? '';
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && document.activeElement !== el) el.value = saved;
  }, [saved]);
  const commit = (input: HTMLInputElement) => {
    const v = input.value.trim();
    if (v !== saved) void onSave(v);
  };
  return (
    <input
      ref={ref}
      className="credit"
      aria-label={`Credit offered to ${impact.customer}`}
      placeholder="none"
      defaultValue={saved}
      maxLength={200}
      onBlur={(e) => commit(e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(e.currentTarget);
        } else if (e.key === 'Escape') {
          e.currentTarget.value = saved;
        }
      }}
    />
  );
}

function EditCustomer({ impact, onDone }: { impact: CustomerImpact; onDone: () => void }) {
  const [customer, setCustomer] = useState(impact.customer);
  const [segment, setSegment] = useState(impact.segment ?? '');
  const [contact, setContact] = useState(impact.contact ?? '');
  const [verified, setVerified] = useState(impact.contactVerified);
  const [note, setNote] = useState(impact.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    if (customer.trim() !== impact.customer) changes.customer = customer.trim();
    if (segment.trim() !== (impact.segment ?? '')) changes.segment = segment.trim();
    if (contact.trim() !== (impact.contact ?? '')) changes.contact = contact.trim();
    if (verified !== impact.contactVerified) changes.contactVerified = verified;
    if (note.trim() !== (impact.note ?? '')) changes.note = note.trim();
    if (Object.keys(changes).length === 0) return onDone();
    const r = await record('impact.updated', { target: impact.id, ...changes }, { quiet: true });
    if (!r.ok) return setError(r.error);
    onDone();
  };
  return (
    <form
      className="edit-customer"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label>
        Name
        <input autoFocus value={customer} onChange={(e) => setCustomer(e.target.value)} maxLength={80} />
      </label>
      <label>
        Segment
        <input value={segment} onChange={(e) => setSegment(e.target.value)} maxLength={80} />
      </label>
      <label>
        Contact
        <input value={contact} onChange={(e) => setContact(e.target.value)} maxLength={200} />
      </label>
      <label className="check">
        <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} /> contact verified
      </label>
      <label>
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="primary small">
          Save
        </button>
        <button type="button" className="small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
