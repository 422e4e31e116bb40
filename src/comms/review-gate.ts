import type { Actor } from '../model/envelope.js';
import { APPROVER_ROLES, approverRolesOf, isHeld, samePerson } from '../model/identity.js';
import type { Role } from '../model/vocabulary.js';
import type { Draft, IncidentState } from '../model/incident-state.js';

/** Whether a review button is usable, and if not, the sentence shown next to it saying why and what to do. */
export interface Gate {
  allowed: boolean;
  reason: string | null;
}

export interface ReviewGates {
  ready: Gate;
  approve: Gate;
  publish: Gate;
  /** An approver role nobody holds that this person could take on the spot; null when there is none. */
  roleToTake: Role | null;
}

const yes: Gate = { allowed: true, reason: null };
const no = (reason: string): Gate => ({ allowed: false, reason });

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The review policy (the draft kinds' rules, src/kinds/draft.ts) seen from one person's chair: what they can do with this
 * draft now, and, when they cannot, why in words they can act on. Main enforces the same rules; this only
 * explains them before anyone clicks.
 */
export function reviewGates(
  state: Pick<IncidentState, 'roles'>,
  draft: Pick<Draft, 'review' | 'readyBy' | 'publishedAt'>,
  text: string,
  needsAcknowledgement: readonly string[],
  acknowledged: readonly string[],
  me: Actor | null,
): ReviewGates {
  const missing = needsAcknowledgement.filter((r) => !acknowledged.includes(r));
  const ackReason = (step: string): string =>
    `Tick the ${plural(missing.length, 'finding')} above (${missing.join(', ')}) to say you read ${missing.length === 1 ? 'it' : 'them'} and ${step} anyway.`;
  const myRoles = me ? approverRolesOf(state, me) : [];
  const holders = APPROVER_ROLES.filter((r) => r !== 'deputy' || isHeld(state.roles, r))
    .map((r) => `${r === 'comms' ? 'comms lead' : r}: ${state.roles[r]?.name ?? 'nobody yet'}`)
    .join('; ');
  // Comms staff approve updates more often than the commander does: offer that role first.
  const free: Role | null = !isHeld(state.roles, 'comms') ? 'comms' : !isHeld(state.roles, 'commander') ? 'commander' : null;
  const roleToTake = me && myRoles.length === 0 ? free : null;

  if (draft.publishedAt !== null) {
    const done = no('Already published.');
    return { ready: done, approve: done, publish: done, roleToTake: null };
  }
  const state_ = draft.review.state;

  let ready: Gate;
  if (state_ !== 'editing') ready = no(`It is already ${state_}.`);
  else if (text.trim() === '') ready = no('The draft is empty.');
  else if (missing.length) ready = no(ackReason('mark it ready'));
  else ready = yes;

  let approve: Gate;
  if (state_ === 'editing') approve = no('Someone marks it ready first; then a second person approves it.');
  else if (state_ === 'approved') approve = no(`Approved by ${draft.review.by?.name ?? 'someone'}.`);
  else if (!me) approve = no('Still connecting: who you are is not known yet.');
  else if (draft.readyBy && samePerson(draft.readyBy, me))
    approve = no('You marked it ready: someone else must approve it (a second pair of eyes on every customer update).');
  else if (myRoles.length === 0)
    approve = no(
      `Only the commander or the comms lead can approve customer updates (${holders}).${roleToTake ? ` Take the ${roleToTake === 'comms' ? 'comms lead' : roleToTake} role below, or from the command palette (Ctrl+K).` : ' Ask one of them, or have the role reassigned from the command palette (Ctrl+K).'}`,
    );
  else if (missing.length) approve = no(ackReason('approve it'));
  else approve = yes;

  const publish =
    state_ === 'approved'
      ? yes
      : no(state_ === 'ready' ? 'It can be published once it is approved.' : 'Mark it ready and have it approved first.');
  return { ready, approve, publish, roleToTake };
}
