import { z } from 'zod';
import { HYPOTHESIS_STATUSES } from '../model/vocabulary.js';
import type { Hypothesis } from '../model/incident-state.js';
import { defineKind, expectTarget, noCheck } from './define.js';
import { foldStatusChange, newEntryBase } from './entry-steps.js';
import { entryRef, name, optionalText, text } from './fields.js';
import { noteEntry } from './rule-steps.js';

const clip = (s: string, n = 90): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

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
    note: (book, e) => noteEntry(book, e, 'hypothesis'),
    moment: () => ({ count: 'hypotheses' }),
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
    /** A verdict (confirmed or ruled out) is news; the steps in between are not. */
    moment(row) {
      if (row.status !== 'confirmed' && row.status !== 'ruled-out') return null;
      const confirmed = row.status === 'confirmed';
      const evidence = (n: number) => (row.text ? ` (${clip(row.text, n)})` : '');
      return {
        highlight: `${confirmed ? 'Confirmed' : 'Ruled out'}: ${clip(row.subject ?? 'a hypothesis')}${evidence(60)}`,
        // Only a verdict that reached a live hypothesis (it has a subject) is a key event.
        ...(row.subject !== undefined
          ? {
              key: { kind: 'hypothesis', what: `Hypothesis ${confirmed ? 'confirmed' : 'ruled out'}: ${row.subject}${evidence(Infinity)}` },
            }
          : {}),
        ...(confirmed ? { notice: 'hypothesis-confirmed' } : {}),
      };
    },
  }),
};
