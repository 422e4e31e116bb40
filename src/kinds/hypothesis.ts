import { z } from 'zod';
import { HYPOTHESIS_STATUSES } from '../model/vocabulary.js';
import type { Hypothesis } from '../incident/state.js';
import { defineKind, expectTarget, noCheck } from './define.js';
import { foldStatusChange, newEntryBase } from './entry-steps.js';
import { entryRef, name, optionalText, text } from './fields.js';

export const hypothesisKinds = {
  'hypothesis.added': defineKind({
    schema: z.strictObject({ text, owner: name.optional() }),
    check: noCheck,
    fold(state, e, row, rows) {
      if (Object.hasOwn(state.entries, e.id)) return;
      const entry: Hypothesis = {
        kind: 'hypothesis',
        ...newEntryBase(e),
        status: 'open',
        ...(e.data.owner ? { owner: e.data.owner } : {}),
      };
      state.hypotheses.push(e.id);
      state.entries[e.id] = entry;
      row.entryKind = 'hypothesis';
      row.text = entry.text;
      row.status = entry.status;
      rows.set(e.id, row);
    },
    label: 'Hypothesis',
    timeline: { label: 'Hypothesis', ref: true },
  }),

  'hypothesis.status': defineKind({
    schema: z.strictObject({ target: entryRef, status: z.enum(HYPOTHESIS_STATUSES), evidence: optionalText }),
    check: (state, d) => expectTarget(state, d.target, ['hypothesis'], 'hypothesis'),
    fold(state, e, row, rows) {
      const target = foldStatusChange(state, e, row, rows, 'hypothesis', e.data.evidence);
      if (target && e.data.evidence !== undefined) target.evidence = e.data.evidence;
    },
    label: 'Hypothesis status',
    timeline: { label: 'Hypothesis', ref: true, change: true },
  }),
};
