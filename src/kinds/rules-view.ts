import type { Actor } from '../model/envelope.js';
import type { Roles } from '../model/identity.js';
import type { DraftAudience, DraftChannel, DraftReviewState, IncidentStatus } from '../model/vocabulary.js';
import type { IncidentState } from '../model/incident-state.js';
import type { Milestone } from '../model/postmortem-vocabulary.js';
import { draftText } from '../comms/draft-text.js';
import { internalTextsOf } from '../comms/linter/index.js';

/** Why an event may not be written: a code to branch on and a sentence for people, the same on every road. */
export interface Refusal {
  code: 'not-permitted' | 'too-early' | 'unacknowledged' | 'text-changed' | 'service-only' | 'forbidden';
  reason: string;
}

export const refuse = (code: Refusal['code'], reason: string): Refusal => ({ code, reason });

/** A draft as the rules see it. */
export interface RulesDraft {
  title: string;
  audience: DraftAudience;
  channel: DraftChannel;
  /** `digest`: the fingerprint of the text the last review step covered (src/comms/digest.ts). */
  review: { state: DraftReviewState; digest?: string; acknowledged: readonly string[]; by: Actor | null };
  readyBy: Actor | null;
  publishedAt: number | null;
  /** The draft's text now: what the write policies lint (built when asked, from the draft's Yjs updates). */
  text(): string;
}

/**
 * What the rules need to know about an incident: a small part of it, so the hub can keep one per room without
 * folding (src/kinds/rules-book.ts), while the app and the fold read it from the folded state (rulesViewOf).
 */
export interface RulesView {
  openedAt: number | null;
  /** Who opened the incident (the key that signed its own opening); null before it is open. */
  openedBy: Actor | null;
  status: IncidentStatus;
  roles: Roles;
  /** Who wrote the entry, customer impact or draft `id`; undefined when it is unknown (not yet arrived). */
  authorOf(id: string): Actor | undefined;
  /** A live (not retracted) draft; undefined when unknown or retracted: the rules do not judge those. */
  draft(id: string): RulesDraft | undefined;
  /** Live customer impacts: the linter quotes the number back. */
  affectedCustomers(): number;
  /** A published update (its draft.published id) and the hub that sends it by email, if one does; undefined when unknown. */
  publication(id: string): { mailer?: string } | undefined;
  /** Whether an id was ever written in this incident (an entry, impact or draft, retracted or not). */
  known(id: string): boolean;
  /** When a milestone was set to happen; undefined while it is not set. */
  milestoneAt(m: Milestone): number | undefined;
  /** Whether an update.overdue was already recorded for this missed due time. */
  overdueRecorded(dueAt: number): boolean;
  /** The team's own words a customer update must not copy (the working title, hypotheses, actions): the linter's internal-fact. */
  internalTexts(): string[];
}

/** A draft as the hub's book keeps it: the view's fields, and its Yjs updates in the order they came. */
export interface NotedDraft extends Omit<RulesDraft, 'text' | 'review'> {
  review: RulesDraft['review'];
  updates: string[];
}

/** What the hub's book keeps; each kind's `note` step (src/kinds/) changes it. */
export interface RulesNotes {
  readonly incidentId: string;
  openedAt: number | null;
  openedBy: Actor | null;
  status: IncidentStatus;
  readonly roles: Roles;
  /** Who wrote each entry, customer impact and draft. */
  readonly authors: Map<string, Actor>;
  /** Live drafts; a retracted one is dropped (it takes no more reviews). */
  readonly drafts: Map<string, NotedDraft>;
  /** Each customer impact: true while it is on the list (not retracted). */
  readonly impacts: Map<string, boolean>;
  /** Each published update: the hub that sends it by email (its actor id), or null when no hub does. */
  readonly publications: Map<string, string | null>;
  /** The milestones set, as the fold keeps them (a cleared one is removed). */
  readonly milestones: Map<Milestone, number>;
  /** The due times an update.overdue was recorded for. */
  readonly overdue: Set<number>;
  /** The incident's working title and customer-facing summary, as the fold keeps them. */
  title: string;
  summary: string;
  /** Each hypothesis and action's text now (edits applied while it is live), for the linter's internal-fact. */
  readonly entryTexts: Map<string, { kind: string; text: string; retracted: boolean }>;
}

/** The rules' view of a folded incident. */
export function rulesViewOf(state: IncidentState): RulesView {
  return {
    openedAt: state.openedBy === null ? null : state.openedAt,
    openedBy: state.openedBy,
    status: state.status,
    roles: state.roles,
    authorOf: (id) => state.entries[id]?.author ?? state.impacts[id]?.addedBy ?? state.drafts[id]?.createdBy,
    draft: (id) => {
      const d = Object.hasOwn(state.drafts, id) ? state.drafts[id] : undefined;
      return d === undefined || d.retracted !== null ? undefined : { ...d, text: () => draftText(d) };
    },
    affectedCustomers: () => state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length,
    publication: (id) => state.updates.find((u) => u.id === id),
    known: (id) => Object.hasOwn(state.entries, id) || Object.hasOwn(state.impacts, id) || Object.hasOwn(state.drafts, id),
    milestoneAt: (m) => state.milestones?.[m]?.at,
    overdueRecorded: (dueAt) => state.overdue.some((o) => o.dueAt === dueAt),
    internalTexts: () => internalTextsOf(state),
  };
}
