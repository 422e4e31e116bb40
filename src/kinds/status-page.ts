import { z } from 'zod';
import { fail, ok } from '../model/result.js';
import { COMPONENT_STATUSES } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { name } from './fields.js';
import { keeperOnly } from './rule-steps.js';

// What the hub's public status page shows of an incident: whether it is shown at all, and the components the
// team names with how each is now. Kept by the commander or the scribe (anyone while neither role is held),
// like the incident's other facts: src/kinds/rule-steps.ts.

/** The key a component is known by: its name, trimmed and in lower case, so "API" and "api " are one. */
export const componentKey = (componentName: string): string => componentName.trim().toLowerCase();

export const COMPONENT_LABELS: Record<(typeof COMPONENT_STATUSES)[number], string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const statusPageKinds = {
  /** Shows the incident on the hub's public status page, or takes it off. */
  'incident.visibility': defineKind({
    schema: z.strictObject({ public: z.boolean() }),
    check: (state, d) =>
      state.isPublic !== d.public
        ? ok(undefined)
        : fail(d.public ? 'this incident is already on the status page' : 'this incident is not on the status page'),
    fold(state, e, row) {
      state.isPublic = e.data.public;
      row.entryKind = 'incident';
      row.text = e.data.public ? 'shown on the public status page' : 'taken off the public status page';
    },
    label: 'Status page visibility',
    timeline: { label: 'Status page' },
    /** Who may show it: the commander or the scribe; anyone while neither role is held. */
    rule: (view, e) =>
      keeperOnly(
        view,
        e,
        e.data.public ? 'whether the incident is public (to show it on the status page)' : 'whether the incident is public',
      ),
  }),

  /** Names a component on the status page (or changes its status): "Checkout API", partial_outage. */
  'component.set': defineKind({
    schema: z.strictObject({ name, status: z.enum(COMPONENT_STATUSES) }),
    check: noCheck,
    fold(state, e, row) {
      const key = componentKey(e.data.name);
      if (!Object.hasOwn(state.components, key)) state.componentOrder.push(key);
      state.components[key] = { name: e.data.name, status: e.data.status, at: e.at.ms, by: e.actor };
      row.entryKind = 'incident';
      row.text = `${e.data.name}: ${COMPONENT_LABELS[e.data.status].toLowerCase()}`;
    },
    label: 'Status page component',
    timeline: { label: 'Status page' },
    rule: (view, e) => keeperOnly(view, e, `the status page's components (${e.data.name})`),
  }),

  /** Takes a component off this incident's list (named by mistake, or no longer part of it). */
  'component.removed': defineKind({
    schema: z.strictObject({ name }),
    check: (state, d) =>
      Object.hasOwn(state.components, componentKey(d.name))
        ? ok(undefined)
        : fail(`no component "${d.name}" on this incident's status page`),
    fold(state, e, row) {
      const key = componentKey(e.data.name);
      row.entryKind = 'incident';
      row.text = `${e.data.name} taken off the status page`;
      if (!Object.hasOwn(state.components, key)) return;
      delete state.components[key];
      state.componentOrder = state.componentOrder.filter((k) => k !== key);
    },
    label: 'Status page component removed',
    timeline: { label: 'Status page' },
    rule: (view, e) => keeperOnly(view, e, `the status page's components (${e.data.name})`),
  }),
};
