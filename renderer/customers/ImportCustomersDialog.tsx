import './import-customers.css';
import { useMemo, useState } from 'react';
import { planCustomerImport, SEPARATOR_NAMES } from '../lib/customer-import.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { Dialog, FormError } from '../shared/Dialog.js';

/** Paste or pick a CSV of customers; see what will be added and what is wrong, line by line, before importing. */
export function ImportCustomersDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const state = useWarRoom(selectIncidentState);
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = useMemo(
    () =>
      state
        ? state.impactOrder
            .map((id) => state.impacts[id])
            .filter((i) => i && i.retracted === null)
            .map((i) => i!.customer)
        : [],
    [state],
  );
  const plan = useMemo(() => (csv.trim() ? planCustomerImport(csv, existing) : null), [csv, existing]);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) return setError(`${file.name} is ${Math.round(file.size / 1e6)} MB; the limit is 2 MB`);
    setCsv(await file.text());
  };

  const importRows = async () => {
    if (!plan || plan.rows.length === 0) return;
    setBusy(true);
    let done = 0;
    for (const row of plan.rows) {
      const r = await record('impact.added', row.data, { quiet: true });
      if (!r.ok) {
        setBusy(false);
        setError(`line ${row.line}: ${r.error} (${done} imported before it; fix the file and import the rest)`);
        return;
      }
      done++;
    }
    setBusy(false);
    useWarRoom.getState().toast({
      kind: 'info',
      incident: state?.id ?? null,
      title: 'Customers imported',
      body: `${done} customer${done === 1 ? '' : 's'} added`,
    });
    close();
  };

  return (
    <Dialog title="Import customers from CSV" onClose={close} labelId="import-title" wide>
      <div className="form">
        <p className="muted">
          A header row with <code>customer</code> and <code>level</code> (minor, major, critical); optional <code>segment</code>,{' '}
          <code>contact</code>, <code>contact verified</code>, <code>note</code>, <code>credit</code>. Separated by commas, semicolons or
          tabs (paste straight from a spreadsheet).
        </p>
        <label>
          CSV file
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <label>
          or paste it here
          <textarea
            data-autofocus
            rows={8}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            className="mono"
            spellCheck={false}
            placeholder={'customer,level,contact\nAcme Corp,critical,ops@acme.example'}
          />
        </label>
        {plan ? (
          <div className="import-plan" aria-live="polite">
            <p>
              <strong>{plan.rows.length}</strong> ready to import
              {plan.skipped.length ? `, ${plan.skipped.length} skipped` : ''}
              {plan.errors.length ? `, ${plan.errors.length} with errors` : ''}
              {plan.rows.length || plan.skipped.length ? ` (read as ${SEPARATOR_NAMES[plan.separator]}-separated)` : ''}.
            </p>
            {plan.errors.length ? (
              <ul className="import-errors">
                {plan.errors.slice(0, 20).map((e) => (
                  <li key={e.line}>
                    line {e.line}: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {plan.skipped.length ? (
              <ul className="import-skipped muted">
                {plan.skipped.slice(0, 20).map((s) => (
                  <li key={s.line}>
                    line {s.line}: {s.customer} — {s.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <FormError error={error} />
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            disabled={!plan || plan.rows.length === 0 || plan.errors.length > 0 || busy}
            onClick={() => void importRows()}
          >
            Import {plan?.rows.length ?? 0} customer{plan?.rows.length === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
        {plan && plan.errors.length > 0 ? (
          <p className="muted">Fix the lines with errors first: nothing is imported while any remain.</p>
        ) : null}
      </div>
    </Dialog>
  );
}
