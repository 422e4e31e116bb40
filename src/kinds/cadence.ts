import { z } from 'zod';
import { defineKind, noCheck } from './define.js';

export const cadenceKinds = {
  'cadence.set': defineKind({
    schema: z.strictObject({
      minutes: z
        .int()
        .min(1)
        .max(24 * 60),
    }),
    check: noCheck,
    fold(state, e, row) {
      state.cadenceMinutes = e.data.minutes;
      row.text = `customer updates every ${e.data.minutes} min`;
    },
    label: 'Update cadence set',
    timeline: { label: 'Cadence' },
  }),
};
