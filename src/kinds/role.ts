import { z } from 'zod';
import { ROLES, ROLE_LABELS, type Role } from '../model/vocabulary.js';
import type { Actor } from '../model/envelope.js';
import type { IncidentState } from '../model/incident-state.js';
import { defineKind, noCheck } from './define.js';
import { name } from './fields.js';
import { holdsRole, isHeld, samePerson, type Person } from '../model/identity.js';
import { refuse, type Refusal, type RulesView } from './rules-view.js';

/** Roles only the commander hands out: command itself, and who stands in for it. */
const COMMAND_ROLES: readonly Role[] = ['commander', 'deputy'];

export const roleKinds = {
  'role.assigned': defineKind({
    schema: z.strictObject({
      role: z.enum(ROLES),
      person: z.strictObject({ id: z.string().max(64).optional(), name }).nullable(),
    }),
    check: noCheck,
    fold(state, e, row) {
      if (e.data.person) state.roles[e.data.role] = e.data.person;
      else delete state.roles[e.data.role];
      // The commander decided who holds it: asks for this role are answered.
      if (e.data.person && state.roleRequests) state.roleRequests = state.roleRequests.filter((r) => r.role !== e.data.role);
      const label = ROLE_LABELS[e.data.role];
      row.text = e.data.person ? `${label}: ${e.data.person.name}` : `${label}: unassigned`;
    },
    label: 'Role assigned',
    timeline: { label: 'Role' },
    /** See assignRefusal. */
    rule: (view, e) => assignRefusal(view, e.actor, e.data.role, e.data.person),
    note(book, e) {
      if (e.data.person) book.roles[e.data.role] = e.data.person;
      else delete book.roles[e.data.role];
    },
    moment: (row) => ({ highlight: `Role: ${row.text}` }),
  }),

  /** Someone asks the commander for a role (or withdraws the ask); the commander grants it with role.assigned. */
  'role.requested': defineKind({
    schema: z.strictObject({ role: z.enum(ROLES), withdrawn: z.boolean().optional() }),
    check: noCheck,
    fold(state, e, row) {
      const label = ROLE_LABELS[e.data.role];
      const others = (state.roleRequests ?? []).filter((r) => !(r.role === e.data.role && samePerson(r.person, e.actor)));
      state.roleRequests =
        e.data.withdrawn || holdsRole(state.roles, e.data.role, e.actor) ? others : [...others, ask(e.actor, e.data.role, e.at.ms, e.id)];
      row.text = e.data.withdrawn ? `${e.actor.name} no longer asks for the ${label} role` : `${e.actor.name} asks for the ${label} role`;
    },
    label: 'Role requested',
    timeline: { label: 'Role' },
    moment: (row) => ({ highlight: row.text }),
  }),
};

/**
 * Who may give or take back a role: the commander every role (handing over command is giving the commander
 * role to someone else); the deputy, acting for the commander, every role but command and deputy; anyone while
 * no commander is set (so a room can bootstrap); anyone a role they hold, to give it up.
 */
function assignRefusal(view: RulesView, actor: Actor, role: Role, person: Person | null): Refusal | null {
  if (!isHeld(view.roles, 'commander') || holdsRole(view.roles, 'commander', actor)) return null;
  if (person === null && holdsRole(view.roles, role, actor)) return null;
  const deputy = holdsRole(view.roles, 'deputy', actor);
  if (deputy && !COMMAND_ROLES.includes(role)) return null;
  const commander = view.roles.commander!.name;
  if (deputy)
    return refuse(
      'not-permitted',
      `${actor.name} is the deputy commander; only the commander (${commander}) hands over command or names the deputy`,
    );
  return refuse('not-permitted', `${actor.name} is not the commander (${commander} is); only the commander assigns roles`);
}

const ask = (person: Actor, role: Role, at: number, id: string): NonNullable<IncidentState['roleRequests']>[number] => ({
  id,
  role,
  person,
  at,
});
