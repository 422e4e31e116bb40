import type { Actor } from '../model/envelope.js';
import type { IncidentState } from '../model/incident-state.js';
import { shortFingerprint } from '../model/identity.js';
import { lookalikeMembers, type Member } from '../model/name-confusables.js';

/** One author of an incident's log, as a reader must be able to tell them from anyone else. */
export interface AuthorIdentity {
  id: string;
  /** The name they last wrote under. */
  name: string;
  /** "abcd-efgh" from the key (src/model/identity.ts), or null when no key backs the id. */
  fingerprint: string | null;
  /** Rows nothing proves they wrote (unsigned). */
  unverified: number;
  signed: number;
  /** Other authors whose name is, or looks like, this one's. */
  lookalikes: Member[];
}

/** Every author of the timeline, in order of first appearance, with what tells them apart. */
export function authorsOf(state: Pick<IncidentState, 'timeline'>): AuthorIdentity[] {
  const byId = new Map<string, AuthorIdentity>();
  for (const row of state.timeline) {
    let a = byId.get(row.author.id);
    if (!a) {
      a = {
        id: row.author.id,
        name: row.author.name,
        fingerprint: shortFingerprint(row.author.id),
        unverified: 0,
        signed: 0,
        lookalikes: [],
      };
      byId.set(a.id, a);
    }
    a.name = row.author.name;
    if (row.unverified) a.unverified++;
    else a.signed++;
  }
  const lookalikes = lookalikeMembers(byId.values());
  for (const a of byId.values()) a.lookalikes = lookalikes.get(a.id) ?? [];
  return [...byId.values()];
}

/**
 * What follows a name wherever it is shown as text (exports): the key's short fingerprint, or "unverified"
 * when nothing proves who wrote the row.
 */
export function authorTag(author: Actor, unverified: boolean | undefined): string {
  if (unverified) return 'unverified';
  return shortFingerprint(author.id) ?? 'no key';
}

/** "Alice [abcd-efgh]": a name people can tell from a same-named or lookalike author's. */
export const authorWithTag = (author: Actor, unverified?: boolean): string => `${author.name} [${authorTag(author, unverified)}]`;
