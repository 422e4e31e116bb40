import './roster.css';
import { useEffect, useMemo, useState } from 'react';
import type { RoomMember } from '../../src/ipc/contract.js';
import { ROLE_LABELS } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectMe, selectReadOnly } from '../state/selectors.js';
import { offered, roleCandidates, type Candidate } from '../lib/offers.js';
import { rosterOf, type RosterPerson } from '../lib/roster.js';

const write = (c: Candidate) => record(c.kind as 'role.assigned', c.data as never);

/**
 * Who is in the room (or has written), each with the roles they hold and a short key fingerprint, and what this
 * person may do about it: the commander gives and takes back any role and hands over command; anyone takes a
 * free role while there is no commander, gives up one they hold, or asks the commander for one. Every control
 * is offered only when the rules allow it (lib/offers.ts).
 */
export function Roster({ members }: { members: readonly RoomMember[] }) {
  const state = useWarRoom(selectIncidentState)!;
  const me = useWarRoom(selectMe);
  const readOnly = useWarRoom(selectReadOnly);
  const people = useMemo(() => rosterOf(state, members, me), [state, members, me]);
  return (
    <div className="fact roster" data-testid="roster">
      <dt>Roster: roles and who holds them</dt>
      <dd>
        <ul className="roster-list">
          {people.map((p) => (
            <RosterRow
              key={p.id}
              person={p}
              me={me?.id === p.id}
              actions={readOnly ? [] : offered(state, me, roleCandidates(state, me, p))}
            />
          ))}
        </ul>
      </dd>
    </div>
  );
}

function RosterRow({ person, me, actions }: { person: RosterPerson; me: boolean; actions: Candidate[] }) {
  const removals = actions.filter((a) => a.id.startsWith('unassign:'));
  // Handing over command is the weightiest choice: last in the list, never the first thing under the cursor.
  const weight = (c: Candidate) => (c.id.startsWith('assign:commander:') ? 1 : 0);
  const choices = actions.filter((a) => !a.id.startsWith('unassign:')).sort((a, b) => weight(a) - weight(b));
  // Nothing chosen until the person picks: a hurried Apply must not hand over command by default.
  const [choice, setChoice] = useState('');
  const chosen = choices.find((c) => c.id === choice);
  return (
    <li className="roster-person" data-testid="roster-person" data-person={person.name}>
      <span className={`presence ${person.present ? 'here' : 'away'}`} title={person.present ? 'in the room now' : 'not connected now'}>
        {person.present ? '●' : '○'}
      </span>
      <strong>{person.name}</strong>
      {me ? <span className="muted"> (you)</span> : null}
      <code className="fingerprint" title={`Key-derived id ${person.id}: tells two people with one name apart`}>
        {person.fingerprint}
      </code>
      <span className="roster-roles">
        {person.roles.map((role) => {
          const remove = removals.find((r) => r.id === `unassign:${role}:${person.id}`);
          return (
            <span key={role} className="role-chip">
              <span data-testid="role-chip">{ROLE_LABELS[role]}</span>
              {remove ? (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={remove.label}
                  title={remove.label}
                  onClick={() => void write(remove)}
                >
                  ×
                </button>
              ) : null}
            </span>
          );
        })}
      </span>
      {choices.length ? (
        <span className="roster-give">
          <select aria-label={`Role choice: ${person.name}`} value={chosen?.id ?? ''} onChange={(e) => setChoice(e.target.value)}>
            <option value="" disabled>
              {me ? 'Take or ask for a role…' : `Give ${person.name} a role…`}
            </option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <button type="button" className="small" disabled={!chosen} onClick={() => chosen && void write(chosen).then(() => setChoice(''))}>
            Apply
          </button>
        </span>
      ) : null}
    </li>
  );
}

/**
 * In the header, for whoever may grant them: the oldest ask for a role, with one key (Alt+G) to grant it.
 * Asks for a role the commander gives someone else are answered by that too (src/kinds/role.ts).
 */
export function RoleRequestBadge() {
  const state = useWarRoom(selectIncidentState);
  const me = useWarRoom(selectMe);
  const readOnly = useWarRoom(selectReadOnly);
  const grants = useMemo(() => {
    if (!state || readOnly || !state.roleRequests?.length) return [];
    return offered(
      state,
      me,
      state.roleRequests.map((r) => ({
        id: r.id,
        label: `${r.person.name} asks for ${ROLE_LABELS[r.role]}`,
        kind: 'role.assigned' as const,
        data: { role: r.role, person: { id: r.person.id, name: r.person.name } },
      })),
    );
  }, [state, me, readOnly]);
  const first = grants[0];
  useEffect(() => {
    if (!first) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'g' || useWarRoom.getState().dialog) return;
      e.preventDefault();
      void write(first);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [first]);
  if (!first) return null;
  return (
    <button type="button" className="role-request" data-testid="role-request" onClick={() => void write(first)} title="Grant it (Alt+G)">
      {first.label}
      {grants.length > 1 ? ` (+${grants.length - 1})` : ''} · Grant <kbd>Alt+G</kbd>
    </button>
  );
}
