import { z } from 'zod';
import { ROLES } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { name } from './fields.js';

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
  }),
};
