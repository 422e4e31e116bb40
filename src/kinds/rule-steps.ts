import type { Actor } from '../model/envelope.js';
import {
  actsAsCommander,
  APPROVER_ROLES,
  approverRolesOf,
  holdsRole,
  isHeld,
  KEEPER_ROLES,
  mayKeepStatement,
  samePerson,
  type Person,
} from '../model/identity.js';
import type { KindEvent } from './define.js';
import { refuse, type Refusal, type RulesDraft, type RulesNotes, type RulesView } from './rules-view.js';

// Rule and note steps several kinds share (see each kind's entry for which it uses).

/** Notes who wrote a new entry, customer impact or draft (the first event with that id wins, as in the fold). */
export function noteAuthor(book: RulesNotes, e: KindEvent<unknown>): boolean {
  if (book.authors.has(e.id)) return false;
  book.authors.set(e.id, e.actor);
  return true;
}

/** Notes a new hypothesis or action: its author, and its text for the linter's internal-fact (as the fold keeps it). */
export function noteEntry(book: RulesNotes, e: KindEvent<{ text: string }>, kind: 'hypothesis' | 'action'): void {
  if (noteAuthor(book, e)) book.entryTexts.set(e.id, { kind, text: e.data.text, retracted: false });
}

/** Editing or retracting someone else's entry, customer impact or draft: its author, the commander (or deputy) or the scribe. */
export function authorOrKeeper(view: RulesView, e: KindEvent<{ target: string }>, verb: 'edit' | 'retract'): Refusal | null {
  const author = view.authorOf(e.data.target);
  if (author === undefined || samePerson(author, e.actor)) return null;
  if (actsAsCommander(view.roles, e.actor) || holdsRole(view.roles, 'scribe', e.actor)) return null;
  return refuse(
    'not-permitted',
    `${e.actor.name} may not ${verb} ${author.name}'s entry; only its author, the commander or the scribe may`,
  );
}

/** The incident's own facts (status, severity, title, summary, current-status statement): the commander or the scribe. */
export function keeperOnly(view: RulesView, e: KindEvent<unknown>, what: string): Refusal | null {
  if (mayKeepStatement(view, e.actor)) return null;
  const holders = KEEPER_ROLES.filter((role) => isHeld(view.roles, role))
    .map((role) => `${role}: ${view.roles[role]!.name}`)
    .join(', ');
  return refuse('not-permitted', `${e.actor.name} may not change ${what}; only the commander or the scribe may (${holders})`);
}

/** Why `actor` may not approve this draft now, or null: ready, someone other than who marked it ready, an approver role. */
export function approvalRefusal(
  view: Pick<RulesView, 'roles'>,
  draft: Pick<RulesDraft, 'title' | 'review' | 'readyBy'>,
  actor: Actor,
): string | null {
  if (draft.review.state !== 'ready' || draft.readyBy === null)
    return `draft "${draft.title}" is not marked ready (it is ${draft.review.state})`;
  if (samePerson(draft.readyBy, actor)) return `${actor.name} marked this draft ready; someone else must approve it`;
  if (approverRolesOf(view, actor).length === 0) {
    // The deputy is named only when there is one: the commander and comms are who people look for.
    const holders = APPROVER_ROLES.filter((r) => r !== 'deputy' || isHeld(view.roles, r))
      .map((r) => `${r}: ${view.roles[r]?.name ?? 'unassigned'}`)
      .join(', ');
    return `${actor.name} holds neither the commander nor the comms role (${holders}); only they may approve customer updates`;
  }
  return null;
}

/** Why this person cannot be asked to approve this draft now, or null (the window asks the same before offering). */
export function reviewRequestRefusal(
  view: Pick<RulesView, 'roles'>,
  draft: Pick<RulesDraft, 'title' | 'review' | 'readyBy'>,
  reviewer: Person,
): string | null {
  if (draft.review.state !== 'ready' || draft.readyBy === null)
    return `draft "${draft.title}" is not marked ready (it is ${draft.review.state}); mark it ready first`;
  if (approverRolesOf(view, reviewer).length === 0)
    return `${reviewer.name} holds neither the commander nor the comms role; only they may approve customer updates`;
  if (samePerson(reviewer, draft.readyBy)) return `${reviewer.name} marked this draft ready; ask someone else to approve it`;
  return null;
}
