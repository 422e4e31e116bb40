import { z } from 'zod';
import type { Result } from '../model/result.js';
import { DRAFT_AUDIENCES, DRAFT_CHANNELS, DRAFT_REVIEW_STATES, LIMITS, TEMPLATE_KEYS } from '../model/vocabulary.js';
import type { IncidentState } from '../model/incident-state.js';
import { textDigest } from '../comms/digest.js';
import { defineKind, describeChanges, expectTarget, isLive, noCheck, type KindEvent } from './define.js';
import { publishPolicy, reviewPolicy } from './draft-policy.js';
import { entryRef, name, optionalText, text, title } from './fields.js';
import { approvalRefusal, noteAuthor, reviewRequestRefusal } from './rule-steps.js';
import { refuse, type Refusal, type RulesView } from './rules-view.js';

// Customer updates. A draft's id is the id of its draft.created event; it is co-edited as Yjs text, reviewed,
// then published once.

/** The target is a live draft (whether it may still change once published is each kind's rule: see publishedRefusal). */
const expectDraft = (state: IncidentState, target: string): Result<void> => expectTarget(state, target, ['draft'], 'draft');

/**
 * A published draft is final: what customers were told stays told. No keystroke, review step, review request or
 * second publication is taken for it, whenever it claims to have been written: in the agreed order it comes
 * after the publication, so it cannot undo the approval the publication stood on.
 */
function publishedRefusal(view: RulesView, e: KindEvent<{ target: string }>, verb: FinalVerb): Refusal | null {
  const draft = view.draft(e.data.target);
  return draft === undefined || draft.publishedAt === null ? null : finalRefusal(e.actor.name, verb, draft.title);
}

export type FinalVerb = 'edit' | 'review' | 'publish' | 'request a review of';

/** The words for a step on a published draft, the same from the app's drafts pane as from the gate. */
export const finalRefusal = (who: string, verb: FinalVerb, title: string): Refusal =>
  refuse('not-permitted', `${who} may not ${verb} "${title}": it was published, and a published update is final`);

export const draftKinds = {
  'draft.created': defineKind({
    schema: z.strictObject({
      title,
      audience: z.enum(DRAFT_AUDIENCES),
      channel: z.enum(DRAFT_CHANNELS),
      customer: name.optional(),
      template: z.enum(TEMPLATE_KEYS).optional(),
    }),
    check: noCheck,
    fold(state, e, row, rows) {
      row.entryKind = 'draft';
      row.text = e.data.title;
      if (Object.hasOwn(state.drafts, e.id)) return;
      const at = e.at.ms;
      state.drafts[e.id] = {
        id: e.id,
        title: e.data.title,
        audience: e.data.audience,
        channel: e.data.channel,
        ...(e.data.customer ? { customer: e.data.customer } : {}),
        ...(e.data.template ? { template: e.data.template } : {}),
        createdBy: e.actor,
        createdAt: at,
        updatedAt: at,
        updates: [],
        editors: [e.actor.name],
        review: { state: 'editing', by: null, at: null, acknowledged: [] },
        readyBy: null,
        reviewRequest: null,
        publishedAt: null,
        retracted: null,
      };
      state.draftOrder.push(e.id);
      rows.set(e.id, row);
    },
    label: 'Draft update started',
    timeline: { label: 'Draft' },
    note(book, e) {
      if (!noteAuthor(book, e)) return;
      const { title, audience, channel } = e.data;
      const review = { state: 'editing' as const, acknowledged: [], by: null };
      book.drafts.set(e.id, { title, audience, channel, review, readyBy: null, publishedAt: null, updates: [] });
    },
    serviceOnly: true,
  }),

  /** A Yjs update (base64) to the draft's shared text: merges without losing anyone's keystrokes. */
  'draft.edited': defineKind({
    schema: z.strictObject({
      target: entryRef,
      update: z
        .string()
        .min(1)
        .max(LIMITS.yUpdate)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    }),
    check: (state, d) => expectDraft(state, d.target),
    fold(state, e) {
      const draft = state.drafts[e.data.target];
      if (!isLive(draft) || draft === undefined) return;
      const at = e.at.ms;
      draft.updates.push(e.data.update);
      if (!draft.editors.includes(e.actor.name)) draft.editors.push(e.actor.name);
      draft.updatedAt = at;
      // Editing after review sends the draft back: an approval covers the text that was approved, nothing else.
      if (draft.review.state !== 'editing' && draft.publishedAt === null) {
        draft.review = { state: 'editing', by: e.actor, at, acknowledged: [] };
        draft.readyBy = null;
        draft.reviewRequest = null;
      }
    },
    label: 'Draft edited',
    timeline: null, // keystrokes stay out of the timeline
    rule: (view, e) => publishedRefusal(view, e, 'edit'),
    note(book, e) {
      const d = book.drafts.get(e.data.target);
      if (!d) return;
      d.updates.push(e.data.update);
      if (d.review.state !== 'editing' && d.publishedAt === null) {
        d.review = { state: 'editing', acknowledged: [], by: e.actor };
        d.readyBy = null;
      }
    },
    serviceOnly: true,
  }),

  'draft.updated': defineKind({
    schema: z
      .strictObject({
        target: entryRef,
        title: title.optional(),
        audience: z.enum(DRAFT_AUDIENCES).optional(),
        channel: z.enum(DRAFT_CHANNELS).optional(),
        customer: name.nullable().optional(),
      })
      .refine((d) => Object.keys(d).length > 1, 'an update must change something'),
    check: (state, d) => expectDraft(state, d.target),
    fold(state, e, row) {
      const { target, ...changes } = e.data;
      const draft = state.drafts[target];
      row.entryId = target;
      row.entryKind = 'draft';
      row.text = describeChanges(changes);
      if (!isLive(draft) || draft === undefined) return;
      if (changes.title !== undefined) draft.title = changes.title;
      if (changes.audience !== undefined) draft.audience = changes.audience;
      if (changes.channel !== undefined) draft.channel = changes.channel;
      if (changes.customer === null) delete draft.customer;
      else if (changes.customer !== undefined) draft.customer = changes.customer;
      draft.updatedAt = e.at.ms;
    },
    label: 'Draft update changed',
    timeline: { label: 'Draft' },
    note(book, e) {
      const d = book.drafts.get(e.data.target);
      if (!d) return;
      if (e.data.title !== undefined) d.title = e.data.title;
      if (e.data.audience !== undefined) d.audience = e.data.audience;
      if (e.data.channel !== undefined) d.channel = e.data.channel;
    },
    serviceOnly: true,
  }),

  'draft.review': defineKind({
    schema: z.strictObject({
      target: entryRef,
      state: z.enum(DRAFT_REVIEW_STATES),
      /** Lint rule ids the reviewer has read and accepted. */
      acknowledged: z.array(z.string().max(64)).max(50).default([]),
      /** Fingerprint (src/comms/digest.ts) of the text reviewed: an approval covers that text and nothing else. */
      digest: z
        .string()
        .regex(/^[0-9a-f]{8,64}$/)
        .optional(),
      note: optionalText,
    }),
    check: (state, d) => expectDraft(state, d.target),
    fold(state, e, row) {
      const draft = state.drafts[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'draft';
      row.status = e.data.state;
      row.text = e.data.note ?? '';
      if (!isLive(draft) || draft === undefined) return;
      row.subject = draft.title;
      draft.review = {
        state: e.data.state,
        by: e.actor,
        at: e.at.ms,
        acknowledged: [...e.data.acknowledged],
        ...(e.data.digest ? { digest: e.data.digest } : {}),
        ...(e.data.note ? { note: e.data.note } : {}),
      };
      draft.readyBy = e.data.state === 'ready' ? e.actor : e.data.state === 'editing' ? null : draft.readyBy;
      // Approved or sent back: the reviewer has acted, so the request stops waiting on them.
      if (e.data.state !== 'ready') draft.reviewRequest = null;
      draft.updatedAt = e.at.ms;
    },
    label: 'Draft update review',
    timeline: { label: 'Draft', change: true },
    /** Approving: a holder of the commander or comms role, not whoever marked it ready, and only a draft marked ready. */
    rule(view, e) {
      const final = publishedRefusal(view, e, 'review');
      if (final || e.data.state !== 'approved') return final;
      const draft = view.draft(e.data.target);
      const refusal = draft && approvalRefusal(view, draft, e.actor);
      return refusal ? refuse('not-permitted', refusal) : null;
    },
    writePolicy: reviewPolicy,
    note(book, e) {
      const d = book.drafts.get(e.data.target);
      if (!d) return;
      d.review = {
        state: e.data.state,
        acknowledged: [...e.data.acknowledged],
        by: e.actor,
        ...(e.data.digest ? { digest: e.data.digest } : {}),
      };
      d.readyBy = e.data.state === 'ready' ? e.actor : e.data.state === 'editing' ? null : d.readyBy;
    },
    serviceOnly: true,
  }),

  'draft.published': defineKind({
    schema: z
      .strictObject({
        target: entryRef,
        text,
        channel: z.enum(DRAFT_CHANNELS),
        audience: z.enum(DRAFT_AUDIENCES),
        /** Impact entries marked notified by this publication. */
        notified: z.array(entryRef).max(10_000).default([]),
        /**
         * Email the hub sends (channel "email"): the hub's actor id. Only that hub records the deliveries, and a
         * customer is marked notified by their delivery, when the mail server accepted it, not by publishing.
         */
        mailer: z
          .string()
          .regex(/^u_[a-z2-7]{26}$/, 'is not an actor id')
          .optional(),
      })
      .refine((d) => d.mailer === undefined || d.channel === 'email', 'only an email update names a mailer'),
    check: (state, d) => expectDraft(state, d.target),
    fold(state, e, row) {
      const draft = state.drafts[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'draft';
      row.status = 'published';
      row.text = e.data.text;
      if (!isLive(draft) || draft === undefined) return;
      const at = e.at.ms;
      row.subject = draft.title;
      draft.publishedAt = at;
      draft.updatedAt = at;
      draft.reviewRequest = null;
      state.updates.push({
        id: e.id,
        draftId: draft.id,
        at,
        by: e.actor,
        approvedBy: draft.review.state === 'approved' ? draft.review.by : null,
        text: e.data.text,
        channel: e.data.channel,
        audience: e.data.audience,
        // Sent by a hub: its deliveries mark customers notified, each once the mail server took the message.
        notified: e.data.mailer === undefined ? [...e.data.notified] : [],
        incidentStatus: state.status,
        ...(e.data.mailer === undefined ? {} : { mailer: e.data.mailer }),
      });
      if (e.data.mailer !== undefined) return;
      for (const impactId of e.data.notified) {
        const impact = state.impacts[impactId];
        if (impact && isLive(impact) && impact.notifiedAt === null) {
          impact.notifiedAt = at;
          impact.updatedAt = at;
        }
      }
    },
    label: 'Customer update published',
    timeline: { label: 'Customer update' },
    /** Only an approved draft, with the very text that was approved. */
    rule(view, e) {
      const draft = view.draft(e.data.target);
      // Nothing but a live draft of this incident is published: a publication naming no draft would put free
      // text in the timeline as if it had been approved.
      if (draft === undefined)
        return refuse(
          'not-permitted',
          view.known(e.data.target)
            ? `${e.actor.name} may not publish that update: its draft was discarded`
            : `${e.actor.name} may not publish an update of a draft that does not exist in this incident`,
        );
      const final = publishedRefusal(view, e, 'publish');
      if (final) return final;
      if (draft.review.state !== 'approved')
        return refuse(
          'not-permitted',
          `${e.actor.name} may not publish "${draft.title}": it is not approved (it is ${draft.review.state}); a second person approves every customer update`,
        );
      if (draft.review.digest !== undefined && draft.review.digest !== textDigest(e.data.text))
        return refuse(
          'not-permitted',
          `${e.actor.name} may not publish "${draft.title}": the text differs from the text that was approved`,
        );
      return null;
    },
    writePolicy: publishPolicy,
    note(book, e) {
      const d = book.drafts.get(e.data.target);
      if (d) d.publishedAt = e.at.ms;
      if (d) book.publications.set(e.id, e.data.mailer ?? null);
    },
    serviceOnly: true,
    moment: (row) => ({ count: 'updates', highlight: `Customer update published by ${row.author.name}` }),
  }),

  /**
   * "Request review from": asks one holder of the commander or comms role to approve a draft marked ready.
   * Their window shows it in the header and a notification until they approve it or send it back.
   */
  'draft.review-requested': defineKind({
    schema: z.strictObject({ target: entryRef, reviewer: z.strictObject({ id: z.string().max(64).optional(), name }) }),
    check: (state, d) => expectDraft(state, d.target),
    fold(state, e, row) {
      const draft = state.drafts[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'draft';
      row.text = `review requested from ${e.data.reviewer.name}`;
      if (!isLive(draft) || draft === undefined) return;
      row.subject = draft.title;
      if (draft.publishedAt !== null) return;
      draft.reviewRequest = { reviewer: { ...e.data.reviewer }, by: e.actor, at: e.at.ms };
      draft.updatedAt = e.at.ms;
    },
    label: 'Review requested',
    timeline: { label: 'Draft', change: true },
    /** Only a holder of the commander or comms role who did not mark it ready, and only for a draft marked ready. */
    rule(view, e) {
      const final = publishedRefusal(view, e, 'request a review of');
      if (final) return final;
      const draft = view.draft(e.data.target);
      const refusal = draft && reviewRequestRefusal(view, draft, e.data.reviewer);
      return refusal ? refuse('not-permitted', refusal) : null;
    },
  }),
};
