import './status-page.css';
import { useState } from 'react';
import type { IncidentState } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectMe, selectReadOnly } from '../state/selectors.js';
import { offered } from '../lib/offers.js';
import { FormError } from '../shared/Dialog.js';
import { ComponentsEditor } from './ComponentsEditor.js';

/** Whether the rules every peer enforces let this person write `kind` now (the commander or scribe; anyone while neither is held). */
function mayKeep(
  state: IncidentState,
  me: ReturnType<typeof selectMe>,
  kind: 'incident.visibility' | 'component.set',
  data: Record<string, unknown>,
) {
  return offered(state, me, [{ id: kind, label: '', kind, data }]).length > 0;
}

/**
 * What the hub's public status page shows of this incident: whether it is there at all, and the components
 * the team names with how each is now. Only the commander or the scribe change them (the same rule the hub
 * applies), so the switch and the editor are offered only to them; everyone else reads the facts.
 */
export function StatusPageFact() {
  const state = useWarRoom(selectIncidentState)!;
  const me = useWarRoom(selectMe);
  const readOnly = useWarRoom(selectReadOnly);
  const [error, setError] = useState<string | null>(null);
  // What the person just chose, shown at once while the event is recorded (then the log's value rules).
  const [pending, setPending] = useState<boolean | null>(null);
  const mayToggle = !readOnly && mayKeep(state, me, 'incident.visibility', { public: !state.isPublic });
  const mayEdit = !readOnly && mayKeep(state, me, 'component.set', { name: 'component', status: 'operational' });
  const toggle = async (on: boolean) => {
    setPending(on);
    const r = await record('incident.visibility', { public: on }, { quiet: true });
    setPending(null);
    setError(r.ok ? null : r.error);
  };
  return (
    <div className="fact fact-wide status-page-fact" data-testid="status-page-fact">
      <dt>Status page</dt>
      <dd>
        {mayToggle ? (
          <label className="public-switch">
            <input type="checkbox" role="switch" checked={pending ?? state.isPublic} onChange={(e) => void toggle(e.target.checked)} />
            <span>Public on the status page</span>
          </label>
        ) : (
          <span className={state.isPublic ? 'is-public' : ''} data-testid="public-state">
            {state.isPublic ? 'Public on the status page' : 'Not on the status page'}
          </span>
        )}
        <span className="fact-sub">
          {state.isPublic
            ? 'Anyone can read its title, status, components and published status-page updates; never a draft.'
            : 'Private: the page shows nothing of it until it is made public.'}
          {mayToggle || readOnly ? '' : ' The commander or the scribe decides.'}
        </span>
        <FormError error={error} />
        <ComponentsEditor state={state} mayEdit={mayEdit} />
      </dd>
    </div>
  );
}
