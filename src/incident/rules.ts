import type { Actor, WarEvent } from '../model/envelope.js';
import type { DraftReviewState, Role } from '../model/vocabulary.js';
import { approvalRefusal } from '../comms/approver-roles.js';
import { textDigest } from '../comms/digest.js';
import { mayKeepStatement } from './statement-keepers.js';
import type { IncidentState } from './state.js';

/**
 * The rules every peer enforces on every event, whoever wrote it: the app before it records, the hub before it
 * stores, and the fold (the last word) before it applies. An event is judged against the incident as folded up
 * to that event in (at, id) order, so every peer holding the same events keeps out the same ones.
 *
 * - Approving a draft (`draft.review` approved): a holder of the commander or comms role, not the person who
 *   marked it ready, and only a draft marked ready (src/comms/review-policy.ts, the policy the window shows).
 * - Editing or retracting an entry, customer impact or draft someone else wrote: its author, the commander or
 *   the scribe.
 * - Publishing a draft (`draft.published`): only an approved draft, with the very text that was approved.
 * - Assigning roles: the commander; anyone while no commander is set (so a room can bootstrap); and a person
 *   may always clear a role they hold themselves.
 * - The incident's own facts (`incident.updated`: status, severity, title, summary; `status.statement`; and what
 *   the public status page shows: `incident.visibility`, `component.set`, `component.removed`): the commander
 *   or the scribe; anyone while neither role is held.
 * - What became of a customer's email (`email.delivery`): only the hub the published update named as its mailer.
 * - Time: nothing dated before the incident's opening (the hub's `too-early` check says the same).
 *
 * Pure: no node:*, so the window, the CLI, the hub and the fold run this same code.
 */

/** What the rules need to know about an incident: a small part of its state, so the hub can keep it cheaply. */
export interface RulesView {
  openedAt: number | null;
  roles: Partial<Record<Role, { id?: string; name: string }>>;
  /** Who wrote the entry, customer impact or draft `id`; undefined when it is unknown (not yet arrived). */
  authorOf(id: string): Actor | undefined;
  /** A draft's review as the rules see it. */
  draft(id: string): RulesDraft | undefined;
  /** A published update (its draft.published id): the hub that sends it by email, if one does. */
  publication(id: string): { mailer?: string } | undefined;
}

export interface RulesDraft {
  title: string;
  /** `digest`: the fingerprint of the text the last review step covered (src/comms/digest.ts). */
  review: { state: DraftReviewState; digest?: string };
  readyBy: Actor | null;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `actor` holds `role`: by id when the role names one, else by name. */
export function holdsRole(roles: RulesView['roles'], role: Role, actor: Actor): boolean {
  const holder = roles[role];
  if (!holder) return false;
  return holder.id !== undefined ? holder.id === actor.id : sameName(holder.name, actor.name);
}

/** Why this event breaks a rule, or null when it may be applied. */
export function ruleRefusal(view: RulesView, e: WarEvent): string | null {
  if (e.kind !== 'incident.opened' && view.openedAt !== null && e.at.ms < view.openedAt) {
    return `${e.actor.name}'s event is dated ${new Date(e.at.ms).toISOString()}, before the incident opened (${new Date(view.openedAt).toISOString()})`;
  }
  switch (e.kind) {
    case 'role.assigned': {
      if (!view.roles.commander || holdsRole(view.roles, 'commander', e.actor)) return null;
      if (e.data.person === null && holdsRole(view.roles, e.data.role, e.actor)) return null;
      return `${e.actor.name} is not the commander (${view.roles.commander.name} is); only the commander assigns roles`;
    }
    case 'entry.edited':
    case 'entry.retracted': {
      const author = view.authorOf(e.data.target);
      if (author === undefined || author.id === e.actor.id) return null;
      if (holdsRole(view.roles, 'commander', e.actor) || holdsRole(view.roles, 'scribe', e.actor)) return null;
      const what = e.kind === 'entry.edited' ? 'edit' : 'retract';
      return `${e.actor.name} may not ${what} ${author.name}'s entry; only its author, the commander or the scribe may`;
    }
    case 'draft.review': {
      if (e.data.state !== 'approved') return null;
      const draft = view.draft(e.data.target);
      if (draft === undefined) return null;
      return approvalRefusal(view, draft, e.actor);
    }
    case 'draft.published': {
      const draft = view.draft(e.data.target);
      if (draft === undefined) return null;
      if (draft.review.state !== 'approved')
        return `${e.actor.name} may not publish "${draft.title}": it is not approved (it is ${draft.review.state}); a second person approves every customer update`;
      if (draft.review.digest !== undefined && draft.review.digest !== textDigest(e.data.text))
        return `${e.actor.name} may not publish "${draft.title}": the text differs from the text that was approved`;
      return null;
    }
    case 'incident.updated':
    case 'status.statement':
    case 'incident.visibility':
    case 'component.set':
    case 'component.removed': {
      if (mayKeepStatement(view, e.actor)) return null;
      const keepers = (['commander', 'scribe'] as const).filter((role) => view.roles[role] !== undefined);
      const holders = keepers.map((role) => `${role}: ${view.roles[role]!.name}`).join(', ');
      return `${e.actor.name} may not change ${describeFact(e)}; only the commander or the scribe may (${holders})`;
    }
    case 'email.delivery': {
      const mailer = view.publication(e.data.publication)?.mailer;
      if (mailer === undefined) return `${e.actor.name} recorded an email for an update that no hub was asked to send`;
      return mailer === e.actor.id
        ? null
        : `${e.actor.name} is not the hub that sends this update; only it records what became of each email`;
    }
    default:
      return null;
  }
}

/** What a keeper-only event changes, for its refusal. */
function describeFact(e: WarEvent): string {
  switch (e.kind) {
    case 'status.statement':
      return 'the current status';
    case 'incident.visibility':
      return e.data.public ? 'whether the incident is public (to show it on the status page)' : 'whether the incident is public';
    case 'component.set':
    case 'component.removed':
      return `the status page's components (${e.data.name})`;
    case 'incident.updated':
      return describeUpdate(e.data);
    default:
      return e.kind;
  }
}

/** "the status (to resolved)", "the severity": what an incident update touches, for its refusal. */
function describeUpdate(d: { status?: string; severity?: string; title?: string; summary?: string }): string {
  if (d.status !== undefined) return `the incident's status (to ${d.status})`;
  if (d.severity !== undefined) return `the severity (to ${d.severity})`;
  return d.title !== undefined ? "the incident's title" : "the incident's summary";
}

/** The rules' view of a folded incident. */
export function rulesViewOf(state: IncidentState): RulesView {
  return {
    openedAt: state.openedBy === null ? null : state.openedAt,
    roles: state.roles,
    authorOf: (id) => state.entries[id]?.author ?? state.impacts[id]?.addedBy ?? state.drafts[id]?.createdBy,
    draft: (id) => state.drafts[id],
    publication: (id) => state.updates.find((u) => u.id === id),
  };
}

/** The kinds a rule looks at; every other kind passes without building a view. */
export const RULED_KINDS: ReadonlySet<string> = new Set([
  'role.assigned',
  'entry.edited',
  'entry.retracted',
  'draft.review',
  'draft.published',
  'incident.updated',
  'status.statement',
  'incident.visibility',
  'component.set',
  'component.removed',
  'email.delivery',
]);

/** An event kept out of the state because it broke a rule, shown to the team with the reason. */
export interface RefusedEvent {
  id: string;
  at: number;
  actor: Actor;
  kind: string;
  reason: string;
}

/**
 * The part of an incident the rules read, kept without folding the whole incident: roles, who wrote each entry,
 * customer impact and draft, and each draft's review. The hub keeps one per room (built while it loads the
 * room, then noted for each event it stores), so checking a push costs a lookup, not a fold. It mirrors the
 * fold steps of those kinds (src/kinds/); the fold, judging against the full state, stays the last word.
 */
export class RulesBook implements RulesView {
  openedAt: number | null = null;
  readonly roles: RulesView['roles'] = {};
  private readonly authors = new Map<string, Actor>();
  private readonly drafts = new Map<string, RulesDraft & { published: boolean }>();
  /** Updates sent by email through a hub: publication id -> the hub's actor id. */
  private readonly mailers = new Map<string, string>();

  constructor(readonly incidentId: string) {}

  authorOf(id: string): Actor | undefined {
    return this.authors.get(id);
  }

  draft(id: string): RulesDraft | undefined {
    return this.drafts.get(id);
  }

  publication(id: string): { mailer?: string } | undefined {
    const mailer = this.mailers.get(id);
    return mailer === undefined ? undefined : { mailer };
  }

  /** Why `e` breaks a rule as this book sees the incident, or null. */
  refusal(e: WarEvent): string | null {
    return ruleRefusal(this, e);
  }

  /** Takes in an event that was accepted. */
  note(e: WarEvent): void {
    switch (e.kind) {
      case 'incident.opened':
        if (e.id === this.incidentId && this.openedAt === null) this.openedAt = e.at.ms;
        return;
      case 'role.assigned':
        if (e.data.person) this.roles[e.data.role] = e.data.person;
        else delete this.roles[e.data.role];
        return;
      case 'hypothesis.added':
      case 'action.added':
      case 'note.added':
      case 'impact.added':
        if (!this.authors.has(e.id)) this.authors.set(e.id, e.actor);
        return;
      case 'draft.created':
        if (this.authors.has(e.id)) return;
        this.authors.set(e.id, e.actor);
        this.drafts.set(e.id, { title: e.data.title, review: { state: 'editing' }, readyBy: null, published: false });
        return;
      case 'draft.updated': {
        const d = this.drafts.get(e.data.target);
        if (d && e.data.title !== undefined) d.title = e.data.title;
        return;
      }
      case 'draft.edited': {
        const d = this.drafts.get(e.data.target);
        if (d && d.review.state !== 'editing' && !d.published) {
          d.review = { state: 'editing' };
          d.readyBy = null;
        }
        return;
      }
      case 'draft.review': {
        const d = this.drafts.get(e.data.target);
        if (!d) return;
        d.review = { state: e.data.state, ...(e.data.digest !== undefined ? { digest: e.data.digest } : {}) };
        d.readyBy = e.data.state === 'ready' ? e.actor : e.data.state === 'editing' ? null : d.readyBy;
        return;
      }
      case 'draft.published': {
        const d = this.drafts.get(e.data.target);
        if (d) d.published = true;
        if (d && e.data.mailer !== undefined) this.mailers.set(e.id, e.data.mailer);
        return;
      }
      case 'entry.retracted':
        // A retracted draft takes no more reviews (the fold ignores them), so the rules stop judging them too.
        this.drafts.delete(e.data.target);
        return;
      default:
        return;
    }
  }
}
