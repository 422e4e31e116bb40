import type { RoomMember } from '../../src/ipc/contract.js';
import type { Actor } from '../../src/model/envelope.js';
import { holdsRole } from '../../src/model/identity.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { ROLES, type Role } from '../../src/model/vocabulary.js';

/** Someone the commander can give a role to: in the room now, or has written to the incident. */
export interface RosterPerson {
  /** Key-derived (src/model/identity.ts): who they are; the name is what they call themselves. */
  id: string;
  name: string;
  present: boolean;
  roles: Role[];
  /** A short, readable part of the key-derived id, so two people with one name can be told apart. */
  fingerprint: string;
}

/** "k3f9 2ab1": eight characters of the key-derived id after its "u_", in two groups. */
export const fingerprintOf = (id: string): string => {
  const body = id.replace(/^u_/, '');
  return `${body.slice(0, 4)} ${body.slice(4, 8)}`.trim();
};

/**
 * Everyone in the room or in the log, by key-derived id (never by name): me first, then who is here, then who
 * has written; within each, in the order they first appear. Roles come from the folded state.
 */
export function rosterOf(state: IncidentState, members: readonly RoomMember[], me: Actor | null): RosterPerson[] {
  const people = new Map<string, { name: string; present: boolean }>();
  const add = (p: { id?: string; name: string } | null | undefined, present: boolean) => {
    if (!p?.id) return;
    const known = people.get(p.id);
    if (known) known.present ||= present;
    else people.set(p.id, { name: p.name, present });
  };
  add(me, true);
  for (const m of members) add(m, true);
  for (const role of ROLES) add(state.roles[role], false);
  if (state.openedBy) add(state.openedBy, false);
  for (const r of state.roleRequests ?? []) add(r.person, false);
  for (const row of state.timeline) add(row.author, false);
  return [...people].map(([id, p]) => ({
    id,
    name: p.name,
    present: p.present,
    roles: ROLES.filter((role) => holdsRole(state.roles, role, { id })),
    fingerprint: fingerprintOf(id),
  }));
}
