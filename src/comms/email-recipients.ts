import type { CustomerImpact, IncidentState, PublishedUpdate } from '../model/incident-state.js';
import { recipientsOf } from './recipients.js';

/** A contact an email can go to: one address, nothing else in the field. */
const EMAIL_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export const isEmailAddress = (contact: string | undefined): contact is string =>
  contact !== undefined && EMAIL_ADDRESS.test(contact.trim());

/**
 * Who an update sent by email through the hub reaches: the live customers of its audience ("all customers"
 * reaches every affected one) whose contact is an email address someone verified. One message each. The hub
 * sends to these and the window shows the same list, so both agree on who was, or was not, written to.
 */
export function emailRecipients(
  state: Pick<IncidentState, 'impacts' | 'impactOrder' | 'drafts'>,
  update: Pick<PublishedUpdate, 'channel' | 'audience' | 'mailer' | 'draftId'>,
): CustomerImpact[] {
  if (update.channel !== 'email' || update.mailer === undefined || update.audience === 'internal') return [];
  const customer = state.drafts[update.draftId]?.customer;
  const audience = update.audience === 'all' ? 'affected' : update.audience;
  return recipientsOf(state, { audience, ...(customer ? { customer } : {}) }).filter((i) => i.contactVerified && isEmailAddress(i.contact));
}
