import { z } from 'zod';
import { defineKind, describeChanges, expectTarget, isLive, noCheck } from './define.js';
import { fail, ok } from '../model/result.js';
import { entryRef, impactFields } from './fields.js';
import { noteAuthor } from './rule-steps.js';

export const impactKinds = {
  'impact.added': defineKind({
    schema: z.strictObject(impactFields),
    check: noCheck,
    fold(state, e, row, rows) {
      if (Object.hasOwn(state.impacts, e.id)) return;
      const at = e.at.ms;
      const d = e.data;
      state.impacts[e.id] = {
        id: e.id,
        customer: d.customer,
        level: d.level,
        contactVerified: d.contactVerified ?? false,
        notifiedAt: d.notifiedAt ?? null,
        acknowledged: d.acknowledged ?? false,
        resolved: d.resolved ?? false,
        addedBy: e.actor,
        addedAt: at,
        updatedAt: at,
        retracted: null,
        ...(d.segment ? { segment: d.segment } : {}),
        ...(d.contact ? { contact: d.contact } : {}),
        ...(d.credit ? { credit: d.credit } : {}),
        ...(d.note ? { note: d.note } : {}),
      };
      state.impactOrder.push(e.id);
      row.entryKind = 'impact';
      row.text = `${d.customer} (${d.level})`;
      rows.set(e.id, row);
    },
    label: 'Customer affected',
    timeline: { label: 'Customer affected' },
    note(book, e) {
      if (noteAuthor(book, e)) book.impacts.set(e.id, true);
    },
    moment: () => ({ count: 'customers' }),
  }),

  'impact.updated': defineKind({
    schema: z
      .strictObject({ target: entryRef, ...z.object(impactFields).partial().shape })
      .refine((d) => Object.keys(d).length > 1, 'an update must change something'),
    check: (state, d) => expectTarget(state, d.target, ['impact'], 'customer impact'),
    fold(state, e, row, rows) {
      const { target, ...changes } = e.data;
      row.entryId = target;
      row.entryKind = 'impact';
      const impact = state.impacts[target];
      row.text = describeChanges(changes);
      if (!isLive(impact) || impact === undefined) return;
      row.subject = impact.customer;
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        (impact as unknown as Record<string, unknown>)[key] = value;
      }
      impact.updatedAt = e.at.ms;
      const entryRow = rows.get(target);
      if (entryRow) entryRow.text = `${impact.customer} (${impact.level})`;
    },
    label: 'Customer impact updated',
    timeline: { label: 'Customer', change: true },
    moment: (row) => (/(^|, )notified at /.test(row.text) ? { highlight: `${row.subject ?? 'A customer'} was notified` } : null),
  }),

  /** Undoes a removal: the customer is back on the list with everything recorded about them. */
  'impact.restored': defineKind({
    schema: z.strictObject({ target: entryRef }),
    check(state, d) {
      const impact = Object.hasOwn(state.impacts, d.target) ? state.impacts[d.target] : undefined;
      if (!impact) return fail(`no customer impact "${d.target}" in incident ${state.id}`);
      if (impact.retracted === null) return fail(`${impact.customer} is on the customer list; there is nothing to restore`);
      return ok(undefined);
    },
    fold(state, e, row, rows) {
      const impact = Object.hasOwn(state.impacts, e.data.target) ? state.impacts[e.data.target] : undefined;
      row.entryId = e.data.target;
      row.entryKind = 'impact';
      row.text = 'back on the customer list';
      if (!impact || impact.retracted === null) return;
      row.subject = impact.customer;
      impact.retracted = null;
      impact.updatedAt = e.at.ms;
      const entryRow = rows.get(e.data.target);
      if (entryRow) entryRow.retracted = false;
    },
    label: 'Customer restored',
    timeline: { label: 'Customer', change: true },
    note(book, e) {
      if (book.impacts.has(e.data.target)) book.impacts.set(e.data.target, true);
    },
  }),
};
