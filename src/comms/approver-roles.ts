import type { Actor } from '../model/envelope.js';
import type { Role } from '../model/vocabulary.js';
import type { IncidentState } from '../incident/state.js';

// Kept apart from review-policy.ts (which needs the linter) so event kinds can check roles without loading it.

/** The roles whose holder may approve a customer update. */
export const APPROVER_ROLES: readonly Role[] = ['commander', 'comms'];

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The approver roles this person holds in the incident, matched by id when the role has one, else by name. */
export function approverRolesOf(state: Pick<IncidentState, 'roles'>, actor: Actor): Role[] {
  return APPROVER_ROLES.filter((role) => {
    const holder = state.roles[role];
    if (!holder) return false;
    return (holder.id !== undefined && holder.id === actor.id) || sameName(holder.name, actor.name);
  });
}
