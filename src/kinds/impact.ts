import { z } from 'zod';
import { defineKind, describeChanges, expectTarget, isLive, noCheck } from './define.js';
import { entryRef, impactFields } from './fields.js';

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
  }),
};
