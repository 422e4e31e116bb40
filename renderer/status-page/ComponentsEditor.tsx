import { useState, type FormEvent } from 'react';
import { COMPONENT_LABELS, componentKey } from '../../src/kinds/status-page.js';
import type { IncidentState, StatusComponent } from '../../src/model/incident-state.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { FormError } from '../shared/Dialog.js';

const quiet = { quiet: true };

/** Renames by taking the old name off and naming the new one with the same status (a key is the name). */
async function rename(component: StatusComponent, to: string): Promise<string | null> {
  if (componentKey(to) === componentKey(component.name)) {
    const r = await record('component.set', { name: to, status: component.status }, quiet);
    return r.ok ? null : r.error;
  }
  const removed = await record('component.removed', { name: component.name }, quiet);
  if (!removed.ok) return removed.error;
  const set = await record('component.set', { name: to, status: component.status }, quiet);
  if (set.ok) return null;
  // Put the old one back rather than lose it.
  await record('component.set', { name: component.name, status: component.status }, quiet);
  return set.error;
}

/**
 * The components this incident shows on the status page, each with how it is now: added, renamed, set and
 * removed by those who may (mayEdit), read by everyone else.
 */
export function ComponentsEditor({ state, mayEdit }: { state: IncidentState; mayEdit: boolean }) {
  const components = state.componentOrder.map((k) => state.components[k]).filter((c): c is StatusComponent => c !== undefined);
  const [error, setError] = useState<string | null>(null);
  const done = (e: string | null) => setError(e);
  return (
    <div className="components" data-testid="components">
      {components.length === 0 ? (
        <p className="muted small-text">
          {mayEdit ? 'No components named yet: add the parts of the service customers know.' : 'No components named.'}
        </p>
      ) : (
        <ul className="component-list" aria-label="Status page components">
          {components.map((c) => (
            <ComponentRow key={componentKey(c.name)} component={c} others={state} mayEdit={mayEdit} onDone={done} />
          ))}
        </ul>
      )}
      {mayEdit ? <AddComponent state={state} onDone={done} /> : null}
      <FormError error={error} />
    </div>
  );
}

function ComponentRow(props: { component: StatusComponent; others: IncidentState; mayEdit: boolean; onDone: (e: string | null) => void }) {
  const { component: c, others, mayEdit, onDone } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(c.name);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const to = name.trim();
    if (!to) return onDone('Type the component’s new name.');
    if (componentKey(to) !== componentKey(c.name) && Object.hasOwn(others.components, componentKey(to)))
      return onDone(`There is already a component called “${to}”.`);
    const r = await rename(c, to);
    onDone(r);
    if (r === null) setRenaming(false);
  };
  return (
    <li className={`component comp-${c.status}`} data-component={c.name}>
      {renaming ? (
        <form className="component-rename" onSubmit={(e) => void submit(e)}>
          <input aria-label={`New name for ${c.name}`} autoFocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="small primary">
            Rename
          </button>
          <button type="button" className="small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="component-name">{c.name}</span>
      )}
      {mayEdit ? (
        <select
          aria-label={`Status of ${c.name}`}
          className={`component-status comp-${c.status}`}
          value={c.status}
          onChange={(e) =>
            void record('component.set', { name: c.name, status: e.target.value as ComponentStatus }, quiet).then((r) =>
              onDone(r.ok ? null : r.error),
            )
          }
        >
          {COMPONENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMPONENT_LABELS[s]}
            </option>
          ))}
        </select>
      ) : (
        <span className={`component-status comp-${c.status}`}>{COMPONENT_LABELS[c.status]}</span>
      )}
      {mayEdit && !renaming ? (
        <>
          <button type="button" className="small" aria-label={`Rename ${c.name}`} onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Remove ${c.name}`}
            onClick={() => void record('component.removed', { name: c.name }, quiet).then((r) => onDone(r.ok ? null : r.error))}
          >
            Remove
          </button>
        </>
      ) : null}
    </li>
  );
}

function AddComponent({ state, onDone }: { state: IncidentState; onDone: (e: string | null) => void }) {
  const [name, setName] = useState('');
  const [status, setStatus] = useState<ComponentStatus>('degraded_performance');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return onDone('Type the component’s name, e.g. Checkout API.');
    if (Object.hasOwn(state.components, componentKey(n)))
      return onDone(`There is already a component called “${n}”: change its status in its row.`);
    // Cleared at once, so the next name can be typed while this one is saved; put back only if it was refused
    // and nothing new was typed meanwhile.
    setName('');
    const r = await record('component.set', { name: n, status }, quiet);
    onDone(r.ok ? null : r.error);
    if (!r.ok) setName((now) => (now === '' ? n : now));
  };
  return (
    <form className="add-component" aria-label="Add a status page component" onSubmit={(e) => void submit(e)}>
      <span className="add-component-label" aria-hidden="true">
        Add:
      </span>
      <input
        aria-label="Component name"
        placeholder="e.g. Checkout API"
        value={name}
        maxLength={80}
        onChange={(e) => setName(e.target.value)}
      />
      <select aria-label="New component's status" value={status} onChange={(e) => setStatus(e.target.value as ComponentStatus)}>
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" className="small">
        Add component
      </button>
    </form>
  );
}
