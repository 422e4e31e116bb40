import { z } from 'zod';
import { HYPOTHESIS_STATUSES } from '../model/vocabulary.js';
import type { Hypothesis } from '../incident/state.js';
import { defineKind, expectTarget, isLive, noCheck } from './define.js';
import { markStatusChanged, newEntryBase } from './entry-steps.js';
import { entryRef, name, optionalText, text } from './fields.js';

export const hypothesisKinds = {
  'hypothesis.added': defineKind({
    schema: z.strictObject({ text, owner: name.optional() }),
    check: noCheck,
    fold(state, e, row, rows) {
      if (Object.hasOwn(state.entries, e.id)) return;
      const entry: Hypothesis = { kind: 'hypothesis', ...newEntryBase(e), status: 'open', ...(e.data.owner ? { owner: e.data.owner } : {}) };
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
      const target = state.entries[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'hypothesis';
      row.status = e.data.status;
      row.text = e.data.evidence ?? '';
      if (target?.kind !== 'hypothesis' || !isLive(target)) return;
      row.subject = target.text;
      target.status = e.data.status;
      if (e.data.evidence !== undefined) target.evidence = e.data.evidence;
      markStatusChanged(target, e, rows);
    },
    label: 'Hypothesis status',
    timeline: { label: 'Hypothesis', ref: true, change: true },
  }),
};
