import { z } from 'zod';
import { LIMITS, SEVERITIES } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { text } from './fields.js';
import { keeperOnly } from './rule-steps.js';

const part = z.string().trim().max(LIMITS.text);

// What the team tells anyone who asks "where are we?": the current status statement, and what each severity
// means to this team. Both are versioned as events; nothing earlier is overwritten in the log.
export const statementKinds = {
  /** A new version of the current status statement (impact, what we are doing, next update). */
  'status.statement': defineKind({
    schema: z
      .strictObject({ impact: part, doing: part, next: part })
      .refine((d) => d.impact !== '' || d.doing !== '' || d.next !== '', 'a status statement must say something'),
    check: noCheck,
    fold(state, e, row) {
      const version = state.statementHistory.length + 1;
      state.statementHistory.push({ version, impact: e.data.impact, doing: e.data.doing, next: e.data.next, by: e.actor, at: e.at.ms });
      if (state.statementStaleSince !== undefined) state.statementStaleSince = null;
      row.entryKind = 'incident';
      row.text = [e.data.impact, e.data.doing && `doing: ${e.data.doing}`, e.data.next && `next: ${e.data.next}`]
        .filter(Boolean)
        .join(' · ');
    },
    label: 'Status statement',
    timeline: { label: 'Status' },
    /** Who may keep it: the commander or the scribe; anyone while neither role is held. */
    rule: (view, e) => keeperOnly(view, e, 'the current status'),
  }),

  /** The team's own words for a severity (SEV1-SEV4), shown when someone changes it; like a template. */
  'severity.defined': defineKind({
    schema: z.strictObject({ severity: z.enum(SEVERITIES), text }),
    check: noCheck,
    fold(state, e, row) {
      state.severityDefinitions[e.data.severity] = e.data.text;
      row.entryKind = 'incident';
      row.text = `${e.data.severity}: ${e.data.text}`;
    },
    label: 'Severity defined',
    timeline: { label: 'Severity' },
  }),
};
