import { z } from 'zod';
import { fail, ok } from '../model/result.js';
import { INCIDENT_STATUSES, LIMITS, SEVERITIES } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { title } from './fields.js';
import { keeperOnly } from './rule-steps.js';
import { refuse } from './rules-view.js';

export const incidentKinds = {
  'incident.opened': defineKind({
    schema: z.strictObject({
      title,
      severity: z.enum(SEVERITIES),
      status: z.enum(INCIDENT_STATUSES).optional(),
      summary: z.string().trim().max(LIMITS.text).optional(),
    }),
    check: (state) => (state.openedBy ? fail(`incident ${state.id} is already open`) : ok(undefined)),
    fold(state, e, row) {
      const at = e.at.ms;
      if (state.openedBy === null) {
        Object.assign(state, {
          title: e.data.title,
          severity: e.data.severity,
          status: e.data.status ?? 'investigating',
          summary: e.data.summary ?? '',
          openedAt: at,
          openedBy: e.actor,
        });
        state.statusHistory.push({ status: state.status, at, by: e.actor });
        // What was known at opening is the first version of the current status statement.
        if (e.data.summary) state.statementHistory.push({ version: 1, impact: e.data.summary, doing: '', next: '', by: e.actor, at });
      }
      row.entryKind = 'incident';
      row.text = e.data.title;
      row.status = e.data.status ?? 'investigating';
    },
    label: 'Incident opened',
    timeline: { label: 'Incident opened' },
    /**
     * An incident has one opening, its own: the event whose id is the incident id, written (and signed) by
     * whoever created the room. Any other (a second opening "from 1970" with a fresh id) would rewrite the
     * incident's title, severity and start; it is refused everywhere. A second event with the incident's id is
     * a duplicate by id, dropped before any rule.
     */
    rule(view, e) {
      if (e.id === e.incident && view.openedBy === null) return null;
      return refuse(
        'not-permitted',
        `${e.actor.name} may not open this incident again: it has one opening, its own${view.openedBy ? ` (by ${view.openedBy.name})` : ''}`,
      );
    },
    note(book, e) {
      if (e.id !== book.incidentId || book.openedAt !== null) return;
      book.openedAt = e.at.ms;
      book.openedBy = e.actor;
      book.status = e.data.status ?? 'investigating';
      book.title = e.data.title;
      book.summary = e.data.summary ?? '';
    },
    moment: (row) => ({ key: { kind: 'opened', what: `Incident opened “${row.text}”` } }),
  }),

  'incident.updated': defineKind({
    schema: z
      .strictObject({
        title: title.optional(),
        severity: z.enum(SEVERITIES).optional(),
        status: z.enum(INCIDENT_STATUSES).optional(),
        summary: z.string().trim().max(LIMITS.text).optional(),
        /** Why (a severity change), or what was still open when it was resolved and what the team said about it. */
        reason: z.string().trim().max(LIMITS.text).optional(),
      })
      .refine((d) => Object.keys(d).some((k) => k !== 'reason'), 'an update must change something'),
    check: noCheck,
    fold(state, e, row) {
      const at = e.at.ms;
      const d = e.data;
      const parts: string[] = [];
      if (d.title !== undefined) {
        state.title = d.title;
        parts.push(`title: ${d.title}`);
      }
      if (d.severity !== undefined) {
        // The history starts at the first change (with the opening severity), so unchanged incidents fold as before.
        if (d.severity !== state.severity)
          (state.severityHistory ??= [{ severity: state.severity, at: state.openedAt, by: state.openedBy ?? e.actor }]).push({
            severity: d.severity,
            at,
            by: e.actor,
            ...(d.reason ? { reason: d.reason } : {}),
          });
        if (d.severity !== state.severity) state.leadResetAt = state.eventCount;
        state.severity = d.severity;
        parts.push(`severity ${d.severity}`);
      }
      if (d.summary !== undefined) {
        state.summary = d.summary;
        parts.push('summary updated');
      }
      if (d.status !== undefined && d.status !== state.status) {
        state.status = d.status;
        state.statusHistory.push({ status: d.status, at, by: e.actor });
        state.resolvedAt = d.status === 'resolved' ? at : null;
        if (d.status === 'investigating') state.leadResetAt = state.eventCount;
        // What the statement says was written for the old status: stale until someone writes (or keeps) it.
        if (state.statementHistory.length > 0) state.statementStaleSince = at;
        row.status = d.status;
        parts.unshift(`status ${d.status}`);
      }
      row.entryKind = 'incident';
      row.text = (parts.join(', ') || 'no change') + (d.reason ? ` — ${d.reason}` : '');
    },
    label: 'Incident updated',
    timeline: { label: 'Incident' },
    /** The incident's own facts: the commander or the scribe; anyone while neither role is held. */
    rule: (view, e) => keeperOnly(view, e, describeUpdate(e.data)),
    note(book, e) {
      if (e.data.status !== undefined) book.status = e.data.status;
      if (e.data.title !== undefined) book.title = e.data.title;
      if (e.data.summary !== undefined) book.summary = e.data.summary;
    },
    // row.status is set only when the status really changed.
    moment: (row) =>
      row.status === undefined
        ? null
        : {
            key: { kind: 'status', what: `Status: ${row.status}` },
            highlight: `Status changed to ${row.status} by ${row.author.name}`,
            notice: 'status-changed',
          },
  }),
};

/** "the status (to resolved)", "the severity": what an incident update touches, for its refusal. */
function describeUpdate(d: { status?: string; severity?: string; title?: string; summary?: string }): string {
  if (d.status !== undefined) return `the incident's status (to ${d.status})`;
  if (d.severity !== undefined) return `the severity (to ${d.severity})`;
  return d.title !== undefined ? "the incident's title" : "the incident's summary";
}
