import { useState, type FormEvent } from 'react';
import type { CustomerImpact } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import './bulk-actions.css';
import { FormError } from '../shared/Dialog.js';

type Changes = Record<string, unknown>;

/**
 * Customers in bulk: select several (or every affected customer) and mark them notified, acknowledged,
 * resolved, or offer them a credit, in one action. Each customer still gets its own event, so the timeline and
 * the export say who was told and offered what.
 */
export function BulkActionsBar({
  impacts,
  selected,
  onSelect,
}: {
  impacts: readonly CustomerImpact[];
  selected: ReadonlySet<string>;
  onSelect: (ids: ReadonlySet<string>) => void;
}) {
  const chosen = impacts.filter((i) => selected.has(i.id));
  const [credit, setCredit] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const n = chosen.length;

  /** One impact.updated per customer that it changes; customers already in that state are left alone. */
  const apply = async (what: string, changesFor: (i: CustomerImpact) => Changes | null) => {
    const targets = chosen.flatMap((i) => {
      const c = changesFor(i);
      return c ? [{ impact: i, changes: c }] : [];
    });
    if (targets.length === 0) {
      setDone(`Nothing to change: ${n === 1 ? 'that customer is' : `all ${n} are`} already ${what}.`);
      return;
    }
    setBusy(true);
    const results = await Promise.all(targets.map((t) => record('impact.updated', { target: t.impact.id, ...t.changes }, { quiet: true })));
    setBusy(false);
    const failed = targets
      .filter((_, k) => !results[k]!.ok)
      .map((t, k) => `${t.impact.customer} (${(results[k] as { error: string }).error})`);
    const saved = targets.length - failed.length;
    setDone(`${capitalise(what)}: ${saved} customer${saved === 1 ? '' : 's'}.`);
    setError(failed.length ? `Not saved for ${failed.join(', ')}: try again.` : null);
  };

  const offerCredit = (e: FormEvent) => {
    e.preventDefault();
    const text = credit.trim();
    if (!text) return setError('Type the credit to offer, for example "one month free".');
    void apply(`offered “${text}”`, (i) => (i.credit === text ? null : { credit: text })).then(() => setCredit(''));
  };

  return (
    <div className="bulk-actions" role="group" aria-label="Selected customers">
      <span className="bulk-count">
        {n ? `${n} selected` : 'None selected'}
        {' · '}
        <button
          type="button"
          className="link-button"
          onClick={() => onSelect(new Set(impacts.map((i) => i.id)))}
          disabled={impacts.length === 0 || n === impacts.length}
        >
          Select all {impacts.length} affected
        </button>
        {n ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => onSelect(new Set())}>
              Clear
            </button>
          </>
        ) : null}
      </span>
      <button
        type="button"
        className="small"
        disabled={!n || busy}
        onClick={() => void apply('marked notified', (i) => (i.notifiedAt === null ? { notifiedAt: Date.now() } : null))}
      >
        Mark notified
      </button>
      <button
        type="button"
        className="small"
        disabled={!n || busy}
        onClick={() => void apply('marked acknowledged', (i) => (i.acknowledged ? null : { acknowledged: true }))}
      >
        Mark acknowledged
      </button>
      <button
        type="button"
        className="small"
        disabled={!n || busy}
        onClick={() => void apply('marked resolved', (i) => (i.resolved ? null : { resolved: true }))}
      >
        Mark resolved
      </button>
      <form className="bulk-credit" onSubmit={offerCredit}>
        <label>
          <span className="visually-hidden">Credit to offer the selected customers</span>
          <input
            value={credit}
            onChange={(e) => setCredit(e.target.value)}
            placeholder="one month free"
            maxLength={200}
            disabled={!n || busy}
          />
        </label>
        <button type="submit" className="small" disabled={!n || busy}>
          Offer credit
        </button>
      </form>
      <span className="bulk-done small-text" role="status" data-testid="bulk-done">
        {done}
      </span>
      <FormError error={error} />
    </div>
  );
}

const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
