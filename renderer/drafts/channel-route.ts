import { hubPlan } from '../../src/comms/hub-plan.js';
import type { ChannelsView, PublishDelivery } from '../../src/ipc/contract.js';
import type { Draft, IncidentState } from '../../src/model/incident-state.js';

/** Where publishing a draft sends its text, said before the person presses the button. */
export interface ChannelRoute {
  deliver: Exclude<PublishDelivery, 'none'>;
  /** The publish button's words. */
  label: string;
  /** One sentence: where the text goes (or why it cannot go there, and what happens instead). */
  where: string;
  /** False when the channel is not set up here and the text comes back to the person to paste. */
  configured: boolean;
  /** A second way out for an email the hub will not send: a file to attach. */
  alternative?: { deliver: 'file'; label: string };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The route of a draft's channel given what the room's hub says it does (`hub:channels`; null while asking):
 * the status page and email go through the hub when it can take them; otherwise the clipboard, plainly said.
 */
export function channelRoute(state: IncidentState, draft: Draft, channels: ChannelsView | null): ChannelRoute | null {
  if (channels === null) return null;
  const copy = (where: string): ChannelRoute => ({ deliver: 'clipboard', label: 'Publish and copy the text', where, configured: false });
  if (draft.channel === 'social')
    return copy('Social posts do not go through the hub: publishing records the text and copies it for you to post.');
  const hub = channels.hub;
  if (draft.channel === 'status-page') {
    if (!hub)
      return copy(
        `No status page here (${channels.reason}): publishing records the text and copies it for you to paste into your status page.`,
      );
    // The hub's page shows public incidents only: until then the text is the person's to paste elsewhere.
    if (!state.isPublic)
      return copy(
        `Not on the hub's status page: this incident is not public (the commander or the scribe makes it public under Details, Status page). Publishing records the text and copies it for you to paste.`,
      );
    return {
      deliver: 'hub',
      label: 'Publish to the status page',
      where: `Goes on the status page at ${hub.statusPage.url}.`,
      configured: true,
    };
  }
  const plan = hub ? hubPlan(state, draft, hub) : null;
  if (!hub || !plan || plan.problem !== null)
    return {
      ...copy(
        `Not emailed from here: ${plan?.problem ?? channels.reason}. Publishing records the text and copies it for you to send yourself.`,
      ),
      alternative: { deliver: 'file', label: 'Publish and save to a file…' },
    };
  const others = plan.reach - plan.recipients;
  return {
    deliver: 'hub',
    label: `Publish and email ${plural(plan.recipients, 'customer')}`,
    where:
      `The hub emails it from ${hub.email.from ?? 'its mail server'}${hub.email.server ? ` through ${hub.email.server}` : ''}, one message to each of ` +
      `${plural(plan.recipients, 'customer')} with a verified address${others > 0 ? ` (${others} more without one will not get it)` : ''}; ` +
      'each is marked notified when the mail server accepts their message.',
    configured: true,
  };
}
