/** The closed vocabularies of an incident. One place, so the CLI, the UI, the linter and the exports agree. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ROLES = ['commander', 'deputy', 'comms', 'scribe', 'liaison', 'subject-expert'] as const;
export type Role = (typeof ROLES)[number];

/** How a role reads to people ("deputy commander"); the log keeps the short id. */
export const ROLE_LABELS: Record<Role, string> = {
  commander: 'commander',
  deputy: 'deputy commander',
  comms: 'comms',
  scribe: 'scribe',
  liaison: 'liaison',
  'subject-expert': 'subject-matter expert',
};

export const HYPOTHESIS_STATUSES = ['open', 'investigating', 'confirmed', 'ruled-out'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];

export const ACTION_STATUSES = ['planned', 'running', 'done', 'failed', 'reverted'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const IMPACT_LEVELS = ['minor', 'major', 'critical'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export const ENTRY_KINDS = ['hypothesis', 'action', 'note'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const DRAFT_AUDIENCES = ['all', 'affected', 'customer', 'internal'] as const;
export type DraftAudience = (typeof DRAFT_AUDIENCES)[number];

export const DRAFT_CHANNELS = ['status-page', 'email', 'social'] as const;
export type DraftChannel = (typeof DRAFT_CHANNELS)[number];

export const DRAFT_REVIEW_STATES = ['editing', 'ready', 'approved'] as const;
export type DraftReviewState = (typeof DRAFT_REVIEW_STATES)[number];

/** A status-page component's state, in Statuspage's own words (widgets and bots read them unchanged). */
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** What became of one customer's email: accepted by the mail server, bounced back, or not taken (with the reason). */
export const EMAIL_OUTCOMES = ['sent', 'bounced', 'failed'] as const;
export type EmailOutcome = (typeof EMAIL_OUTCOMES)[number];

export const TEMPLATE_KEYS = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Limits shared by every boundary: a peer, the CLI and the UI are held to the same sizes. */
export const LIMITS = {
  title: 200,
  text: 10_000,
  name: 80,
  links: 20,
  /** A Yjs update, base64: large enough for a pasted page of text. */
  yUpdate: 200_000,
  /** A whole serialised event on the wire or on disk. */
  eventBytes: 256 * 1024,
} as const;
