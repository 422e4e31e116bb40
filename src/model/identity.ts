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

/**
 * Whether `actor` may act for the commander: the commander, or the deputy commander (who stands in while the
 * commander is away). What only the commander may do beyond that (hand over command, name the deputy) the
 * role rule says (src/kinds/role.ts).
 */
export const actsAsCommander = (roles: Roles, actor: { id?: string; name?: string } | null | undefined): boolean =>
  holdsRole(roles, 'commander', actor) || holdsRole(roles, 'deputy', actor);

/** The roles whose holder may approve a customer update (the deputy acts for the commander). */
export const APPROVER_ROLES: readonly Role[] = ['commander', 'deputy', 'comms'];

/** The approver roles this person holds. */
export function approverRolesOf(state: { roles: Roles }, actor: { id?: string; name?: string } | null | undefined): Role[] {
  return APPROVER_ROLES.filter((role) => holdsRole(state.roles, role, actor));
}

/** The roles that keep the incident's own facts (status, severity, title, summary, current-status statement). */
export const KEEPER_ROLES: readonly Role[] = ['commander', 'deputy', 'scribe'];

/**
 * Who keeps the incident's own facts: the commander (or the deputy, for them) and the scribe; while neither role is held, anyone. A rule
 * every peer enforces (src/kinds/rules.ts); the window offers the controls only to keepers.
 */
export function mayKeepStatement(state: { roles: Roles }, actor: { id?: string; name?: string } | null): boolean {
  if (!KEEPER_ROLES.some((role) => isHeld(state.roles, role))) return true;
  return KEEPER_ROLES.some((role) => holdsRole(state.roles, role, actor));
}

/** A key-derived actor id: `u_` + 26 base32 characters of the key's SHA-256 (main/identity/event-signature.ts). */
const KEY_DERIVED_ID = /^u_[a-z2-7]{26}$/;

/**
 * The short fingerprint people compare to tell two same-named authors apart: the first 8 characters of the
 * key's fingerprint, as "abcd-efgh" (40 bits: telling a lookalike's key from a teammate's at a glance, not a
 * proof; the full id is beside it on hover and in exports). Null for an id no key derives (a log from
 * before keys, or an unsigned claim).
 */
export function shortFingerprint(actorId: string): string | null {
  if (!KEY_DERIVED_ID.test(actorId)) return null;
  return `${actorId.slice(2, 6)}-${actorId.slice(6, 10)}`;
}
