import type { Actor } from '../model/envelope.js';
import type { Role } from '../model/vocabulary.js';
import type { IncidentState } from '../incident/state.js';

// Kept apart from review-policy.ts (which needs the linter) so event kinds can check roles without loading it.

/** The roles whose holder may approve a customer update. */
export const APPROVER_ROLES: readonly Role[] = ['commander', 'comms'];

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The approver roles this person holds in the incident, matched by id when the role has one (never by name then), else by name. */
export function approverRolesOf(state: Pick<IncidentState, 'roles'>, actor: Actor): Role[] {
  return APPROVER_ROLES.filter((role) => {
    const holder = state.roles[role];
    if (!holder) return false;
    // By id when the role names one: a name is declared by whoever writes it, an id is proven by their key.
    return holder.id !== undefined ? holder.id === actor.id : sameName(holder.name, actor.name);
  });
}

export const isSamePerson = (a: Actor, b: Actor): boolean => a.id === b.id;

/**
 * Why this person may not approve this draft now, or null when they may. The window shows it before the click,
 * and every peer enforces it on each approval (src/incident/rules.ts).
 */
export function approvalRefusal(
  state: Pick<IncidentState, 'roles'>,
  draft: { title: string; review: { state: string }; readyBy: Actor | null },
  actor: Actor,
): string | null {
  if (draft.review.state !== 'ready' || draft.readyBy === null)
    return `draft "${draft.title}" is not marked ready (it is ${draft.review.state})`;
  if (isSamePerson(draft.readyBy, actor)) return `${actor.name} marked this draft ready; someone else must approve it`;
  if (approverRolesOf(state, actor).length === 0) {
    const holders = APPROVER_ROLES.map((r) => (state.roles[r] ? `${r}: ${state.roles[r]!.name}` : `${r}: unassigned`)).join(', ');
    return `${actor.name} holds neither the commander nor the comms role (${holders}); only they may approve customer updates`;
  }
  return null;
}
