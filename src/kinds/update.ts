import { z } from 'zod';
import { defineKind, noCheck } from './define.js';
import { epochMs } from './fields.js';

export const updateKinds = {
  /** Recorded once per missed promise: the team said an update would come by dueAt and none did. */
  'update.overdue': defineKind({
    schema: z.strictObject({ dueAt: epochMs }),
    check: noCheck,
    fold(state, e, row) {
      if (!state.overdue.some((o) => o.dueAt === e.data.dueAt)) state.overdue.push({ dueAt: e.data.dueAt, at: e.at.ms });
      row.text = `customer update overdue (was due ${new Date(e.data.dueAt).toISOString()})`;
      row.status = 'overdue';
    },
    label: 'Customer update overdue',
    timeline: { label: 'Overdue' },
    // Recorded by the cadence watcher when a promised update was missed, not by hand.
    serviceOnly: true,
  }),
};
