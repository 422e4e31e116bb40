import { z } from 'zod';
import { ROLES } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { name } from './fields.js';
import { holdsRole, isHeld } from '../model/identity.js';
import { refuse } from './rules-view.js';

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
      row.text = e.data.person ? `${e.data.role}: ${e.data.person.name}` : `${e.data.role}: unassigned`;
    },
    label: 'Role assigned',
    timeline: { label: 'Role' },
    /** The commander assigns roles; anyone while no commander is set (so a room can bootstrap); anyone clears a role they hold. */
    rule(view, e) {
      if (!isHeld(view.roles, 'commander') || holdsRole(view.roles, 'commander', e.actor)) return null;
      if (e.data.person === null && holdsRole(view.roles, e.data.role, e.actor)) return null;
      return refuse(
        'not-permitted',
        `${e.actor.name} is not the commander (${view.roles.commander!.name} is); only the commander assigns roles`,
      );
    },
    note(book, e) {
      if (e.data.person) book.roles[e.data.role] = e.data.person;
      else delete book.roles[e.data.role];
    },
    moment: (row) => ({ highlight: `Role: ${row.text}` }),
  }),
};
