import { emailRecipients } from '../../src/comms/email-recipients.js';
import type { CustomerImpact, IncidentState, PublishedUpdate } from '../../src/model/incident-state.js';

/** Customers whose last email from a hub did not get through (failed or bounced), by the publication it was for. */
export function failedByPublication(state: Pick<IncidentState, 'impacts' | 'impactOrder'>): Map<string, CustomerImpact[]> {
  const out = new Map<string, CustomerImpact[]>();
  for (const id of state.impactOrder) {
    const i = state.impacts[id];
    if (!i || i.retracted !== null || !i.email || i.email.outcome === 'sent') continue;
    out.set(i.email.publication, [...(out.get(i.email.publication) ?? []), i]);
  }
  return out;
}

export interface EmailTally {
  /** Customers the hub writes to for this update (verified email contacts). */
  recipients: CustomerImpact[];
  sent: CustomerImpact[];
  failed: CustomerImpact[];
  /** Not answered yet by the mail server (or its answer not yet in the room). */
  waiting: CustomerImpact[];
}

/** What became of one update the hub emails, customer by customer, from the deliveries the hub recorded. */
export function emailTally(state: IncidentState, update: PublishedUpdate): EmailTally {
  const recipients = emailRecipients(state, update);
  const answered = (i: CustomerImpact) => (i.email?.publication === update.id ? i.email.outcome : null);
  return {
    recipients,
    sent: recipients.filter((i) => answered(i) === 'sent'),
    failed: recipients.filter((i) => answered(i) === 'failed' || answered(i) === 'bounced'),
    waiting: recipients.filter((i) => answered(i) === null),
  };
}
