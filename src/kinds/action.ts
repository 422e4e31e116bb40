import { z } from 'zod';
import { ACTION_STATUSES, LIMITS } from '../model/vocabulary.js';
import type { Action } from '../model/incident-state.js';
import { defineKind, expectHypothesisLinks, expectTarget } from './define.js';
import { foldStatusChange, newEntryBase } from './entry-steps.js';
import { entryRef, name, optionalText, text } from './fields.js';
import { noteEntry } from './rule-steps.js';

export const actionKinds = {
  'action.added': defineKind({
    schema: z.strictObject({ text, links: z.array(entryRef).max(LIMITS.links).default([]), owner: name.optional() }),
    check: (state, d) => expectHypothesisLinks(state, d.links),
    fold(state, e, row, rows) {
      if (Object.hasOwn(state.entries, e.id)) return;
      const entry: Action = {
        kind: 'action',
        ...newEntryBase(e),
        status: 'planned',
        links: [...e.data.links],
        ...(e.data.owner ? { owner: e.data.owner } : {}),
      };
      state.actions.push(e.id);
      row.links = entry.links;
      state.entries[e.id] = entry;
      row.entryKind = 'action';
      row.text = entry.text;
      row.status = entry.status;
      rows.set(e.id, row);
    },
    label: 'Action',
    timeline: { label: 'Action' },
    note: (book, e) => noteEntry(book, e, 'action'),
    moment: () => ({ count: 'actions' }),
  }),

  'action.status': defineKind({
    schema: z.strictObject({ target: entryRef, status: z.enum(ACTION_STATUSES), result: optionalText }),
    check: (state, d) => expectTarget(state, d.target, ['action'], 'action'),
    fold(state, e, row, rows) {
      const target = foldStatusChange(state, e, row, rows, 'action', e.data.result);
      if (target && e.data.result !== undefined) target.result = e.data.result;
    },
    label: 'Action status',
    timeline: { label: 'Action', change: true },
  }),
};
