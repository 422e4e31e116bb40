import type { Role } from './vocabulary.js';

/**
 * Who is who, decided one way everywhere: by the actor id, which derives from the writer's key (the signature
 * proves it). A name is display text that anyone can declare, so it never decides who someone is: a
 * same-named stranger with another key is someone else, and a role or a request that names no id names nobody
 * anyone can prove to be.
 */
export function samePerson(
  a: { id?: string; name?: string } | null | undefined,
  b: { id?: string; name?: string } | null | undefined,
): boolean {
  return a?.id !== undefined && b?.id !== undefined && a.id !== '' && a.id === b.id;
}

/** A role's holder as the log names them. */
export interface Person {
  id?: string;
  name: string;
}

export type Roles = Partial<Record<Role, Person>>;

/** Whether a role is held by someone identifiable: a holder named without an id holds it for nobody. */
export const isHeld = (roles: Roles, role: Role): boolean => roles[role]?.id !== undefined;

/** Whether `actor` holds `role`. */
export const holdsRole = (roles: Roles, role: Role, actor: { id?: string; name?: string } | null | undefined): boolean =>
  samePerson(roles[role], actor);

/** The roles whose holder may approve a customer update. */
export const APPROVER_ROLES: readonly Role[] = ['commander', 'comms'];

/** The approver roles this person holds. */
export function approverRolesOf(state: { roles: Roles }, actor: { id?: string; name?: string } | null | undefined): Role[] {
  return APPROVER_ROLES.filter((role) => holdsRole(state.roles, role, actor));
}

/** The roles that keep the incident's own facts (status, severity, title, summary, current-status statement). */
export const KEEPER_ROLES: readonly Role[] = ['commander', 'scribe'];

/**
 * Who keeps the incident's own facts: the commander and the scribe; while neither role is held, anyone. A rule
 * every peer enforces (src/kinds/rules.ts); the window offers the controls only to keepers.
 */
export function mayKeepStatement(state: { roles: Roles }, actor: { id?: string; name?: string } | null): boolean {
  if (!KEEPER_ROLES.some((role) => isHeld(state.roles, role))) return true;
  return KEEPER_ROLES.some((role) => holdsRole(state.roles, role, actor));
}
