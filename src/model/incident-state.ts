import type { Actor } from './envelope.js';
import type { Hlc } from './hlc.js';
import type { FollowUpStatus, FollowUpType, Milestone } from './postmortem-vocabulary.js';
import type {
  ActionStatus,
  ComponentStatus,
  EmailOutcome,
  DraftAudience,
  DraftChannel,
  DraftReviewState,
  EntryKind,
  HypothesisStatus,
  ImpactLevel,
  IncidentStatus,
  Role,
  Severity,
  TemplateKey,
} from './vocabulary.js';

export interface Retraction {
  by: Actor;
  at: number;
  reason?: string;
}

interface EntryBase {
  id: string;
  text: string;
  author: Actor;
  owner?: string;
  createdAt: number;
  updatedAt: number;
  edited: boolean;
  retracted: Retraction | null;
}

export interface Hypothesis extends EntryBase {
  kind: 'hypothesis';
  status: HypothesisStatus;
  /** Evidence given with the latest status change. */
  evidence?: string;
  statusBy?: Actor;
  statusAt?: number;
  /** The fold position (eventCount) of the latest status change: later than the incident's last change or not. */
  statusOrder?: number;
}

export interface Action extends EntryBase {
  kind: 'action';
  status: ActionStatus;
  result?: string;
  statusBy?: Actor;
  statusAt?: number;
  /** Hypotheses this action tests. */
  links: string[];
}

export interface Note extends EntryBase {
  kind: 'note';
}

export type Entry = Hypothesis | Action | Note;

export interface CustomerImpact {
  id: string;
  customer: string;
  segment?: string;
  level: ImpactLevel;
  contact?: string;
  contactVerified: boolean;
  notifiedAt: number | null;
  acknowledged: boolean;
  resolved: boolean;
  credit?: string;
  note?: string;
  /** The last email the hub sent this customer for a published update: sent, bounced or failed (with why). */
  email?: EmailDelivery;
  addedBy: Actor;
  addedAt: number;
  updatedAt: number;
  retracted: Retraction | null;
}

/** One customer's email for one published update, as the mail server answered the hub that sent it. */
export interface EmailDelivery {
  /** The draft.published event whose text was sent. */
  publication: string;
  outcome: EmailOutcome;
  /** The server's words when it was not accepted ("550 5.1.1 mailbox unavailable"), or why it was not sent. */
  reason?: string;
  at: number;
  by: Actor;
}

/** A part of the service as the public status page shows it (the team names them), and how it is now. */
export interface StatusComponent {
  name: string;
  status: ComponentStatus;
  at: number;
  by: Actor;
}

export interface DraftReview {
  state: DraftReviewState;
  by: Actor | null;
  at: number | null;
  acknowledged: string[];
  /** Fingerprint of the text this review step saw (absent in events written before it existed). */
  digest?: string;
  note?: string;
}

export interface Draft {
  id: string;
  title: string;
  audience: DraftAudience;
  channel: DraftChannel;
  customer?: string;
  template?: TemplateKey;
  createdBy: Actor;
  createdAt: number;
  updatedAt: number;
  /** Yjs updates (base64) in log order: apply them all to get the shared text. */
  updates: string[];
  editors: string[];
  review: DraftReview;
  /** The person who marked it ready: approval must come from someone else. */
  readyBy: Actor | null;
  /** Who was asked to approve it, by whom and when; cleared once the draft is approved, sent back or published. */
  reviewRequest: ReviewRequest | null;
  publishedAt: number | null;
  retracted: Retraction | null;
}

export interface ReviewRequest {
  /** A holder of the commander or comms role, as the role names them. */
  reviewer: { id?: string; name: string };
  by: Actor;
  at: number;
}

export interface PublishedUpdate {
  id: string;
  draftId: string;
  at: number;
  by: Actor;
  approvedBy: Actor | null;
  text: string;
  channel: DraftChannel;
  audience: DraftAudience;
  notified: string[];
  /** The incident's status when it was published: what a status page shows beside it. */
  incidentStatus: IncidentStatus;
  /** Email sent by a hub: the hub's actor id; only it records the deliveries (email.delivery). */
  mailer?: string;
}

export interface TimelineRow {
  /** The event's id. */
  id: string;
  at: number;
  hlc: Hlc;
  author: Actor;
  /** The event's kind (a name from the registry, src/kinds/). */
  kind: string;
  /** The entry this row is about: its own id for "added" rows, the target for status changes and edits. */
  entryId: string;
  entryKind?: EntryKind | 'impact' | 'draft' | 'incident';
  text: string;
  /** For status-change rows, the text of the entry whose status changed. */
  subject?: string;
  status?: string;
  links?: string[];
  retracted: boolean;
  /**
   * True when nothing proves the author wrote it: the event carries no signature (a log from before keys, or
   * history kept with `warroom import --keep-unverified`). The window and every export mark such a row.
   */
  unverified?: true;
}

export interface StatusChange {
  status: IncidentStatus;
  at: number;
  by: Actor;
}

/** One version of the current status statement: what is broken for whom, what we are doing, when we next say more. */
export interface StatusStatement {
  version: number;
  impact: string;
  doing: string;
  next: string;
  by: Actor;
  at: number;
}

export interface IncidentState {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  summary: string;
  openedAt: number;
  openedBy: Actor | null;
  resolvedAt: number | null;
  lastEventAt: number;
  roles: Partial<Record<Role, { id?: string; name: string }>>;
  entries: Record<string, Entry>;
  /** Entry ids in (at, id) order, by kind. */
  hypotheses: string[];
  actions: string[];
  notes: string[];
  impacts: Record<string, CustomerImpact>;
  impactOrder: string[];
  drafts: Record<string, Draft>;
  draftOrder: string[];
  updates: PublishedUpdate[];
  templates: Partial<Record<TemplateKey, string>>;
  /** Minutes between customer updates, as the team set it; null = the default for the status. */
  cadenceMinutes: number | null;
  overdue: { dueAt: number; at: number }[];
  statusHistory: StatusChange[];
  /**
   * The current status statement, every version in order (the last is current). Version 1 is what was known
   * at opening, when anything was written then. Exports read it from here.
   */
  statementHistory: StatusStatement[];
  /** Timeline rows (event ids) pinned as key events, with who pinned them: the catch-up view lists them. */
  keyEvents: Record<string, { by: Actor; at: number }>;
  /** The team's own definition of each severity, where it wrote one (defaults: src/incident/severity-definitions.ts). */
  severityDefinitions: Partial<Record<Severity, string>>;
  /** Shown on the hub's public status page (incident.visibility); private until a keeper says otherwise. */
  isPublic: boolean;
  /** The status page's components this incident sets, by key (lower-case name), in the order first named. */
  components: Record<string, StatusComponent>;
  componentOrder: string[];
  timeline: TimelineRow[];
  /** Events kept out of the state because they broke a rule (src/kinds/rules.ts), in fold order, with why. */
  refused: RefusedEvent[];
  eventCount: number;
  /**
   * Events folded without a position in the room's agreed order yet (written offline, or not yet acknowledged
   * by the hub): shown, never numbered. Empty while no hub orders the incident. See IncidentFolder.
   */
  provisional: readonly string[];
  // Made on first use (see src/kinds/postmortem.ts): an incident without them folds and exports as before.
  /** Severity over time, from the opening one; present once the severity has changed. */
  severityHistory?: SeverityChange[];
  milestones?: Partial<Record<Milestone, MilestoneMark>>;
  followUps?: Record<string, FollowUp>;
  followUpOrder?: string[];
  /** The monitoring alert that opened the incident, as last heard (src/kinds/alert.ts); absent for incidents people opened. */
  alert?: IncidentAlert;
  /** Open asks for a role, oldest first: the commander grants one with role.assigned (which answers every ask for that role). */
  roleRequests?: RoleRequest[];
  /**
   * When the status changed (its `at`) after the current status statement was written: that statement is
   * stale until a new version (or the same words, kept on purpose) is written. Set and cleared in fold order.
   */
  statementStaleSince?: number | null;
  /**
   * The fold position (eventCount) of the last severity change or return to investigating: "the lead" is a
   * hypothesis moved after it (a new cause). Moving on to identified, monitoring or resolved follows from the
   * lead, so it keeps it.
   */
  leadResetAt?: number;
}

export interface RoleRequest {
  id: string;
  role: Role;
  person: Actor;
  at: number;
}

/** What the alert group behind an incident last said. */
export interface IncidentAlert {
  source: 'alertmanager' | 'webhook';
  /** SHA-256 (hex) of the group key. */
  group: string;
  status: 'firing' | 'resolved';
  title: string;
  /** Alerts in the group as last heard. */
  count: number;
  /** When the group started firing (its earliest startsAt). */
  firingSince: number | null;
  /** When it resolved (endsAt), while it stays resolved: the window offers to mark the incident mitigated then. */
  resolvedAt: number | null;
  lastAt: number;
  /** Notifications received for the group. */
  received: number;
  url?: string;
}

export interface SeverityChange {
  severity: Severity;
  at: number;
  by: Actor;
  /** Why, as the person who changed it said. */
  reason?: string;
}

/** A milestone as recorded: when it happened (settable after the fact), who said so and when they did. */
export interface MilestoneMark {
  at: number;
  by: Actor;
  recordedAt: number;
  note?: string;
}

export interface FollowUp {
  id: string;
  text: string;
  owner: string;
  /** Calendar day, "2026-12-01". */
  due: string;
  type: FollowUpType;
  url?: string;
  status: FollowUpStatus;
  author: Actor;
  createdAt: number;
  updatedAt: number;
}

/** An event kept out of the state because it broke a rule, shown to the team with the reason. */
export interface RefusedEvent {
  id: string;
  at: number;
  actor: Actor;
  kind: string;
  /** The rule's code (src/kinds/rules.ts): the same on every road. */
  code: string;
  reason: string;
}
