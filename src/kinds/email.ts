import { z } from 'zod';
import { fail, ok, type Result } from '../model/result.js';
import { EMAIL_OUTCOMES } from '../model/vocabulary.js';
import type { IncidentState } from '../model/incident-state.js';
import { defineKind, isLive } from './define.js';
import { entryRef } from './fields.js';
import { refuse } from './rules-view.js';

// Email to the customers affected, sent by the hub through the team's mail server: one message per customer,
// each answered by the server. Only the hub the publication names (its `mailer`) records what became of them
// (src/kinds/rule-steps.ts); a customer is marked notified when their message was accepted, never before.

/** The published update `id`, when it went out by email through a hub. */
function emailPublication(state: IncidentState, id: string): Result<void> {
  const update = state.updates.find((u) => u.id === id);
  if (!update) return fail(`no published update "${id}" in incident ${state.id}`);
  if (update.mailer === undefined) return fail('that update was not sent by email through the hub');
  return ok(undefined);
}

export const emailKinds = {
  /** What the mail server answered for one customer's message. Written by the hub that sent it. */
  'email.delivery': defineKind({
    schema: z.strictObject({
      /** The draft.published event whose text was sent. */
      publication: entryRef,
      /** The customer impact the message went to. */
      target: entryRef,
      outcome: z.enum(EMAIL_OUTCOMES),
      /** The server's answer when it did not take the message (or why it could not be sent). */
      reason: z.string().trim().min(1).max(500).optional(),
    }),
    check: (state, d) => emailPublication(state, d.publication),
    fold(state, e, row) {
      const { target, outcome, reason, publication } = e.data;
      row.entryId = target;
      row.entryKind = 'impact';
      row.status = outcome;
      row.text = `email ${outcome}${reason ? `: ${reason}` : ''}`;
      const impact = Object.hasOwn(state.impacts, target) ? state.impacts[target] : undefined;
      if (impact === undefined || !isLive(impact)) return;
      row.subject = impact.customer;
      const at = e.at.ms;
      impact.email = { publication, outcome, at, by: e.actor, ...(reason ? { reason } : {}) };
      impact.updatedAt = at;
      if (outcome === 'sent' && impact.notifiedAt === null) impact.notifiedAt = at;
    },
    label: 'Customer email',
    timeline: { label: 'Email', change: true },
    /** Only the hub the publication named as its mailer records what became of each message. */
    rule(view, e) {
      const mailer = view.publication(e.data.publication)?.mailer;
      if (mailer === undefined)
        return refuse('not-permitted', `${e.actor.name} recorded an email for an update that no hub was asked to send`);
      if (mailer === e.actor.id) return null;
      return refuse('not-permitted', `${e.actor.name} is not the hub that sends this update; only it records what became of each email`);
    },
  }),

  /** Asks the hub to send a published update again to customers whose message did not get through. */
  'email.resend': defineKind({
    schema: z.strictObject({ publication: entryRef, customers: z.array(entryRef).min(1).max(1000) }),
    check(state, d) {
      const r = emailPublication(state, d.publication);
      if (!r.ok) return r;
      const gone = d.customers.find((id) => !isLive(state.impacts[id]));
      return gone === undefined ? ok(undefined) : fail(`no customer "${gone}" on this incident's list`);
    },
    fold(state, e, row) {
      const n = e.data.customers.length;
      const names = e.data.customers.map((id) => state.impacts[id]?.customer).filter((c): c is string => c !== undefined);
      row.entryKind = 'impact';
      row.text = `email sent again to ${n === names.length && n <= 3 ? names.join(', ') : `${n} customer${n === 1 ? '' : 's'}`}`;
    },
    label: 'Customer email sent again',
    timeline: { label: 'Email' },
  }),
};
