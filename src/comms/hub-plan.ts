import type { Draft, IncidentState } from '../model/incident-state.js';
import { emailRecipients } from './email-recipients.js';
import { recipientsOf } from './recipients.js';

/** What a hub says it can do with a room's updates (`hub:channels`), as far as publishing needs to know. */
export interface HubAbilities {
  email: { configured: boolean };
}

export interface HubPlan {
  /** Why the hub cannot take this draft (the window offers the clipboard instead); null when it can. */
  problem: string | null;
  /** Email: the customers the hub would write to (verified email contacts), one message each. */
  recipients: number;
  /** Email: the customers the draft is for, verified or not ("emailed N of M"). */
  reach: number;
}

/**
 * What the room's hub would do with a draft published on its channel, judged the same way in main (before
 * publishing) and in the window (before the person presses the button): a status-page update is the page's;
 * an email goes out through the hub's mailer when it has a mail server and someone with a verified address
 * to write to; a social post is never the hub's.
 */
export function hubPlan(
  state: Pick<IncidentState, 'impacts' | 'impactOrder' | 'drafts'>,
  draft: Pick<Draft, 'id' | 'channel' | 'audience' | 'customer'>,
  hub: HubAbilities,
): HubPlan {
  if (draft.channel === 'status-page') return { problem: null, recipients: 0, reach: 0 };
  if (draft.channel === 'social') return { problem: 'a social post does not go through the hub', recipients: 0, reach: 0 };
  if (draft.audience === 'internal') return { problem: 'an internal update is not emailed to customers', recipients: 0, reach: 0 };
  const audience = draft.audience === 'all' ? 'affected' : draft.audience;
  const reach = recipientsOf(state, { audience, ...(draft.customer ? { customer: draft.customer } : {}) }).length;
  if (!hub.email.configured)
    return { problem: "this room's hub has no mail server set up (smtp in its channels.json)", recipients: 0, reach };
  const recipients = emailRecipients(state, { channel: 'email', audience: draft.audience, mailer: 'hub', draftId: draft.id }).length;
  if (recipients === 0)
    return {
      problem:
        reach === 0
          ? 'there is no customer on the list to email'
          : `none of the ${reach} customer${reach === 1 ? '' : 's'} it is for has a verified email address (verify contacts in the customer list)`,
      recipients,
      reach,
    };
  return { problem: null, recipients, reach };
}
