import type { EventKind } from '../../src/kinds/index.js';
import { permits } from '../../src/kinds/rules.js';
import { rulesViewOf } from '../../src/kinds/rules-view.js';
import type { Actor } from '../../src/model/envelope.js';
import { holdsRole, samePerson } from '../../src/model/identity.js';
import type { IncidentState, TimelineRow } from '../../src/model/incident-state.js';
import { INCIDENT_STATUSES, ROLE_LABELS, ROLES, SEVERITIES, type Role } from '../../src/model/vocabulary.js';
import type { RosterPerson } from './roster.js';

/**
 * An action a menu or the palette could offer, with the event it would write: offered only when the rules every
 * peer enforces (src/kinds/rules.ts `permits`) let this person write that event now. One question, asked the
 * same way by the row menu, the palette and the roster, so nothing is offered that a peer would refuse.
 */
export interface Candidate {
  id: string;
  label: string;
  kind: EventKind;
  data: Record<string, unknown>;
  /** Needs more words before it is written (a dialog), or an event to write as it is. */
  dialog?: 'edit' | 'link' | 'retract' | 'status-statement' | 'severity' | 'rename' | 'resolve';
}

/** The candidates this person may act on now. */
export function offered<C extends Candidate>(state: IncidentState, me: Actor | null, candidates: readonly C[]): C[] {
  if (me === null) return [];
  const view = rulesViewOf(state);
  return candidates.filter((c) => permits(view, me, c.kind, c.data) === null);
}

/** A timeline row's menu: edit, link (an action), retract its entry; pin or unpin the row as a key event. */
export function rowMenuCandidates(state: IncidentState, row: TimelineRow, pinned: boolean): Candidate[] {
  const out: Candidate[] = [];
  const entry = state.entries[row.entryId];
  const own = row.kind === 'hypothesis.added' || row.kind === 'action.added' || row.kind === 'note.added';
  if (own && entry && entry.retracted === null) {
    const target = entry.id;
    out.push({ id: 'edit', label: 'Edit…', kind: 'entry.edited', data: { target, text: entry.text }, dialog: 'edit' });
    if (entry.kind === 'action')
      out.push({ id: 'link', label: 'Link to hypotheses…', kind: 'entry.edited', data: { target, links: entry.links }, dialog: 'link' });
    out.push({
      id: 'retract',
      label: 'Retract…',
      kind: 'entry.retracted',
      data: { target, reason: 'entered by mistake' },
      dialog: 'retract',
    });
  }
  out.push({
    id: 'pin',
    label: pinned ? 'Unpin key event' : 'Pin as key event',
    kind: 'entry.pinned',
    data: { target: row.id, pinned: !pinned },
  });
  return out;
}

/** The incident's own facts, from the palette: the statement, the status, the severity, the title. */
export function factCandidates(state: IncidentState): Candidate[] {
  const out: Candidate[] = [
    {
      id: 'statement',
      label: 'Update the current status…',
      kind: 'status.statement',
      data: { impact: '-', doing: '', next: '' },
      dialog: 'status-statement',
    },
    { id: 'rename', label: 'Rename the incident…', kind: 'incident.updated', data: { title: state.title }, dialog: 'rename' },
  ];
  for (const status of INCIDENT_STATUSES)
    if (status !== state.status)
      out.push({
        id: `status:${status}`,
        label: `Set status: ${status}${status === 'resolved' ? '…' : ''}`,
        kind: 'incident.updated',
        data: { status },
        ...(status === 'resolved' ? { dialog: 'resolve' as const } : {}),
      });
  for (const severity of SEVERITIES)
    if (severity !== state.severity)
      out.push({
        id: `sev:${severity}`,
        label: `Set severity: ${severity}…`,
        kind: 'incident.updated',
        data: { severity },
        dialog: 'severity',
      });
  return out;
}

const personOf = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });

/**
 * Roles, for one person in the roster: give a role they lack (handing over command, for the commander role),
 * take one back, grant what they asked for; for oneself, take a role or ask the commander for it.
 */
export function roleCandidates(state: IncidentState, me: Actor | null, person: RosterPerson): Candidate[] {
  const out: Candidate[] = [];
  const self = samePerson(person, me);
  const asked = new Set((state.roleRequests ?? []).filter((r) => samePerson(r.person, person)).map((r) => r.role));
  for (const role of ROLES) {
    const label = ROLE_LABELS[role];
    if (holdsRole(state.roles, role, person)) {
      out.push({
        id: `unassign:${role}:${person.id}`,
        label: self ? `Give up the ${label} role` : `Remove ${person.name} from ${label}`,
        kind: 'role.assigned',
        data: { role, person: null },
      });
      continue;
    }
    const give = { kind: 'role.assigned' as const, data: { role, person: personOf(person) } };
    if (asked.has(role)) out.push({ id: `grant:${role}:${person.id}`, label: `Grant ${person.name} the ${label} role`, ...give });
    else if (self) out.push({ id: `take:${role}`, label: `Take the ${label} role`, ...give });
    else
      out.push({
        id: `assign:${role}:${person.id}`,
        label: role === 'commander' ? `Hand over command to ${person.name}` : `Make ${person.name} ${label}`,
        ...give,
      });
    // Asking makes sense only for a role one may not simply take (the window's choice; the ask has no rule).
    if (self && (asked.has(role) || permits(rulesViewOf(state), person, 'role.assigned', give.data) !== null))
      out.push(askCandidate(role, asked.has(role)));
  }
  return out;
}

const askCandidate = (role: Role, withdraw: boolean): Candidate =>
  withdraw
    ? {
        id: `withdraw:${role}`,
        label: `Withdraw my ask for the ${ROLE_LABELS[role]} role`,
        kind: 'role.requested',
        data: { role, withdrawn: true },
      }
    : { id: `ask:${role}`, label: `Ask for the ${ROLE_LABELS[role]} role`, kind: 'role.requested', data: { role } };
