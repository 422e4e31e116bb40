import { z } from 'zod';
import { fail, ok } from '../model/result.js';
import {
  FOLLOW_UP_STATUSES,
  FOLLOW_UP_TYPES,
  isDueDate,
  isTrackerUrl,
  MILESTONE_LABELS,
  MILESTONES,
  type Milestone,
} from '../model/postmortem-vocabulary.js';
import { LIMITS } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { entryRef, epochMs, name, optionalText, text } from './fields.js';
import { refuse } from './rules-view.js';

const dueDate = z.string().refine(isDueDate, 'must be a calendar day, YYYY-MM-DD');
const trackerUrl = z.string().trim().max(2000).refine(isTrackerUrl, 'must be an http or https link');
/** A milestone may be set up to this long after its own event's time (clocks differ a little), never later. */
export const MILESTONE_FUTURE_SLACK_MS = 5 * 60_000;

/** A time later than the event saying it is a mistake or a forgery. */
const isFutureMilestone = (e: { at: { ms: number }; data: { at: number | null } }): boolean =>
  e.data.at !== null && e.data.at > e.at.ms + MILESTONE_FUTURE_SLACK_MS;

const clock = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * How long before the incident's opening a milestone may be dated: impact often starts, and is sometimes
 * detected, well before anyone opens an incident (a slow leak found days later). The record itself (its `at`)
 * is never dated before the opening; only the moment it names may be, by at most this much.
 */
export const MILESTONE_BEFORE_OPENING_MS = 30 * 24 * 60 * 60_000;

/** Milestones must keep their order (impact, then detection, …): names the pair that would not, or null. */
function milestoneOrderRefusal(markAt: (m: Milestone) => number | undefined, milestone: Milestone, at: number | null): string | null {
  if (at === null) return null;
  const i = MILESTONES.indexOf(milestone);
  for (const [j, other] of MILESTONES.entries()) {
    const mark = markAt(other);
    if (mark === undefined || j === i) continue;
    if (j < i && mark > at)
      return `${MILESTONE_LABELS[milestone].toLowerCase()} (${clock(at)}) cannot be before ${MILESTONE_LABELS[other].toLowerCase()} (${clock(mark)})`;
    if (j > i && mark < at)
      return `${MILESTONE_LABELS[milestone].toLowerCase()} (${clock(at)}) cannot be after ${MILESTONE_LABELS[other].toLowerCase()} (${clock(mark)})`;
  }
  return null;
}

/** A milestone dated more than MILESTONE_BEFORE_OPENING_MS before the opening (1970) is not a moment of this incident. */
function milestoneRangeRefusal(openedAt: number | null, milestone: Milestone, at: number | null): string | null {
  if (at === null || openedAt === null || at >= openedAt - MILESTONE_BEFORE_OPENING_MS) return null;
  return `${MILESTONE_LABELS[milestone].toLowerCase()} (${clock(at)}) cannot be more than 30 days before the incident opened (${clock(openedAt)})`;
}

/**
 * What happens after (and around) the outage: milestones the durations are measured between, and follow-up
 * work. Their state fields are made on first use, so an incident without them folds (and exports) exactly as
 * it did before they existed.
 */
export const postmortemKinds = {
  /** When a milestone happened, set (or corrected, or cleared with null) at any time, even after the incident. */
  'milestone.set': defineKind({
    schema: z.strictObject({ milestone: z.enum(MILESTONES), at: epochMs.nullable(), note: optionalText }),
    check(state, d) {
      const refusal = milestoneOrderRefusal((m) => state.milestones?.[m]?.at, d.milestone, d.at);
      return refusal === null ? ok(undefined) : fail(refusal);
    },
    fold(state, e, row) {
      const label = MILESTONE_LABELS[e.data.milestone];
      row.entryKind = 'incident';
      row.status = e.data.milestone;
      // A time later than the event saying it is a mistake or a forgery: shown, never used.
      if (isFutureMilestone(e)) {
        row.text = `${label}: ignored, ${clock(e.data.at!)} is in the future`;
        return;
      }
      const marks = (state.milestones ??= {});
      if (e.data.at === null) {
        delete marks[e.data.milestone];
        row.text = `${label}: cleared`;
        return;
      }
      marks[e.data.milestone] = { at: e.data.at, by: e.actor, recordedAt: e.at.ms, ...(e.data.note ? { note: e.data.note } : {}) };
      row.text = `${label} at ${clock(e.data.at)}${e.data.note ? ` — ${e.data.note}` : ''}`;
    },
    label: 'Milestone set',
    timeline: { label: 'Milestone' },
    /** In order with the others, and not before the opening by more than MILESTONE_BEFORE_OPENING_MS. */
    rule(view, e) {
      const { milestone, at } = e.data;
      if (isFutureMilestone(e)) return null; // shown as ignored by the fold, never used
      const refusal =
        milestoneRangeRefusal(view.openedAt, milestone, at) ?? milestoneOrderRefusal((m) => view.milestoneAt(m), milestone, at);
      return refusal === null ? null : refuse('not-permitted', `${e.actor.name} may not set this milestone: ${refusal}`);
    },
    note(book, e) {
      if (isFutureMilestone(e)) return;
      if (e.data.at === null) book.milestones.delete(e.data.milestone);
      else book.milestones.set(e.data.milestone, e.data.at);
    },
  }),

  /** Work to do after the incident, with an owner and a due date; its id is the event's. */
  'followup.added': defineKind({
    schema: z.strictObject({ text, owner: name, due: dueDate, type: z.enum(FOLLOW_UP_TYPES), url: trackerUrl.optional() }),
    check: noCheck,
    fold(state, e, row) {
      const d = e.data;
      row.text = `${d.type}: ${d.text} (${d.owner}, due ${d.due})`;
      row.status = 'open';
      const list = (state.followUps ??= {});
      if (Object.hasOwn(list, e.id)) return;
      list[e.id] = {
        id: e.id,
        text: d.text,
        owner: d.owner,
        due: d.due,
        type: d.type,
        ...(d.url ? { url: d.url } : {}),
        status: 'open',
        author: e.actor,
        createdAt: e.at.ms,
        updatedAt: e.at.ms,
      };
      (state.followUpOrder ??= []).push(e.id);
    },
    label: 'Follow-up added',
    timeline: { label: 'Follow-up' },
  }),

  'followup.updated': defineKind({
    schema: z
      .strictObject({
        target: entryRef,
        text: text.optional(),
        owner: name.optional(),
        due: dueDate.optional(),
        type: z.enum(FOLLOW_UP_TYPES).optional(),
        url: trackerUrl.nullable().optional(),
        status: z.enum(FOLLOW_UP_STATUSES).optional(),
      })
      .refine((d) => Object.keys(d).length > 1, 'an update must change something'),
    check: (state, d) =>
      state.followUps && Object.hasOwn(state.followUps, d.target)
        ? ok(undefined)
        : fail(`no follow-up "${d.target}" in incident ${state.id}`),
    fold(state, e, row) {
      const { target, ...changes } = e.data;
      row.entryId = target;
      row.status = changes.status;
      const f = state.followUps && Object.hasOwn(state.followUps, target) ? state.followUps[target] : undefined;
      row.text = Object.entries(changes)
        .map(([k, v]) => `${k}: ${v ?? 'none'}`)
        .join(', ');
      if (!f) return;
      row.subject = f.text;
      if (changes.text !== undefined) f.text = changes.text;
      if (changes.owner !== undefined) f.owner = changes.owner;
      if (changes.due !== undefined) f.due = changes.due;
      if (changes.type !== undefined) f.type = changes.type;
      if (changes.status !== undefined) f.status = changes.status;
      if (changes.url === null) delete f.url;
      else if (changes.url !== undefined) f.url = changes.url;
      f.updatedAt = e.at.ms;
    },
    label: 'Follow-up updated',
    timeline: { label: 'Follow-up', change: true },
  }),
};

export const FOLLOW_UP_TEXT_LIMIT = LIMITS.text;
