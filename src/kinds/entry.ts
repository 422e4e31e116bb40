import { z } from 'zod';
import { fail, ok } from '../model/result.js';
import { LIMITS } from '../model/vocabulary.js';
import { defineKind, expectHypothesisLinks, expectTarget, isLive, lookup } from './define.js';
import { entryRef, name, optionalText, text } from './fields.js';
import { authorOrKeeper } from './rule-steps.js';

// Changes to any entry: an edit (hypotheses, actions, notes) or a retraction (those, customer impacts, drafts).
// Nothing is rewritten: the original event stays in the log and the timeline.
export const entryKinds = {
  'entry.edited': defineKind({
    schema: z
      .strictObject({
        target: entryRef,
        text: text.optional(),
        links: z.array(entryRef).max(LIMITS.links).optional(),
        owner: name.nullable().optional(),
      })
      .refine((d) => Object.keys(d).length > 1, 'an edit must change something'),
    check(state, d) {
      const r = expectTarget(state, d.target, ['hypothesis', 'action', 'note'], 'entry');
      if (!r.ok) return r;
      if (d.links !== undefined && lookup(state, d.target)?.type !== 'action') return fail('only actions have links');
      const links = expectHypothesisLinks(state, d.links);
      return links.ok ? ok(undefined) : links;
    },
    fold(state, e, row, rows) {
      const target = state.entries[e.data.target];
      row.entryId = e.data.target;
      row.text = e.data.text ?? 'details changed';
      if (!isLive(target) || target === undefined) return;
      row.entryKind = target.kind;
      row.subject = target.text;
      if (e.data.text !== undefined) target.text = e.data.text;
      if (e.data.owner !== undefined) {
        if (e.data.owner === null) delete target.owner;
        else target.owner = e.data.owner;
      }
      if (e.data.links !== undefined && target.kind === 'action') target.links = [...e.data.links];
      target.edited = true;
      target.updatedAt = e.at.ms;
      const entryRow = rows.get(target.id);
      if (entryRow) {
        entryRow.text = target.text;
        if (target.kind === 'action') entryRow.links = target.links;
      }
    },
    label: 'Edited',
    timeline: { label: 'Edited', ref: true },
    rule: (view, e) => authorOrKeeper(view, e, 'edit'),
    note(book, e) {
      // As the fold: an edit changes a live entry's text; a retracted one keeps the words it had.
      const entry = book.entryTexts.get(e.data.target);
      if (entry && !entry.retracted && e.data.text !== undefined) entry.text = e.data.text;
    },
  }),

  'entry.retracted': defineKind({
    schema: z.strictObject({ target: entryRef, reason: optionalText }),
    check: (state, d) => expectTarget(state, d.target, ['hypothesis', 'action', 'note', 'impact', 'draft'], 'entry'),
    fold(state, e, row, rows) {
      const id = e.data.target;
      row.entryId = id;
      row.text = e.data.reason ?? '';
      const retraction = { by: e.actor, at: e.at.ms, ...(e.data.reason ? { reason: e.data.reason } : {}) };
      const target = state.entries[id] ?? state.impacts[id] ?? state.drafts[id];
      if (!isLive(target) || target === undefined) return;
      target.retracted = retraction;
      row.subject = 'text' in target ? target.text : 'customer' in target ? target.customer : target.title;
      row.entryKind = 'kind' in target ? target.kind : 'customer' in target ? 'impact' : 'draft';
      const entryRow = rows.get(id);
      if (entryRow) entryRow.retracted = true;
    },
    label: 'Retracted',
    timeline: { label: 'Retracted', ref: true },
    rule: (view, e) => authorOrKeeper(view, e, 'retract'),
    note(book, e) {
      // A retracted draft takes no more reviews (the fold ignores them), so the rules stop judging them too.
      book.drafts.delete(e.data.target);
      if (book.impacts.has(e.data.target)) book.impacts.set(e.data.target, false);
      const entry = book.entryTexts.get(e.data.target);
      if (entry) entry.retracted = true;
    },
  }),

  /** Marks a timeline row (any event) as a key event for the catch-up view, or unmarks it. */
  'entry.pinned': defineKind({
    schema: z.strictObject({ target: entryRef, pinned: z.boolean() }),
    check: (state, d) =>
      state.timeline.some((r) => r.id === d.target) ? ok(undefined) : fail(`no timeline entry "${d.target}" in incident ${state.id}`),
    fold(state, e, row) {
      row.entryId = e.data.target;
      const pinnedRow = state.timeline.find((r) => r.id === e.data.target);
      row.subject = pinnedRow ? (pinnedRow.subject ?? pinnedRow.text) : '';
      row.text = e.data.pinned ? 'pinned as a key event' : 'unpinned';
      if (e.data.pinned) state.keyEvents[e.data.target] = { by: e.actor, at: e.at.ms };
      else delete state.keyEvents[e.data.target];
    },
    label: 'Key event pinned',
    timeline: { label: 'Key event', change: true },
  }),
};
