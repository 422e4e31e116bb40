import { z } from 'zod';
import { ID_PATTERN } from './ids.js';
import {
  ACTION_STATUSES,
  DRAFT_AUDIENCES,
  DRAFT_CHANNELS,
  DRAFT_REVIEW_STATES,
  HYPOTHESIS_STATUSES,
  IMPACT_LEVELS,
  INCIDENT_STATUSES,
  LIMITS,
  ROLES,
  SEVERITIES,
  TEMPLATE_KEYS,
} from './vocabulary.js';

// One strict schema per event kind: unknown keys are refused, so a peer cannot smuggle data through.
const text = z.string().trim().min(1, 'must not be empty').max(LIMITS.text);
const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
const name = z.string().trim().min(1, 'must not be empty').max(LIMITS.name);
const entryRef = z.string().regex(ID_PATTERN, 'is not a valid id');
const epochMs = z.int().min(0).max(8.64e15);

export const impactFields = {
  customer: name,
  segment: z.string().trim().max(LIMITS.name).optional(),
  level: z.enum(IMPACT_LEVELS),
  contact: z.string().trim().max(LIMITS.title).optional(),
  contactVerified: z.boolean().optional(),
  notifiedAt: epochMs.nullable().optional(),
  acknowledged: z.boolean().optional(),
  resolved: z.boolean().optional(),
  credit: z.string().trim().max(LIMITS.title).optional(),
  note: z.string().trim().max(LIMITS.text).optional(),
};

export const KIND_SCHEMAS = {
  'incident.opened': z.strictObject({
    title,
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES).optional(),
    summary: z.string().trim().max(LIMITS.text).optional(),
  }),
  'incident.updated': z
    .strictObject({
      title: title.optional(),
      severity: z.enum(SEVERITIES).optional(),
      status: z.enum(INCIDENT_STATUSES).optional(),
      summary: z.string().trim().max(LIMITS.text).optional(),
    })
    .refine((d) => Object.keys(d).length > 0, 'an update must change something'),
  'role.assigned': z.strictObject({
    role: z.enum(ROLES),
    person: z.strictObject({ id: z.string().max(64).optional(), name }).nullable(),
  }),
  'hypothesis.added': z.strictObject({ text, owner: name.optional() }),
  'hypothesis.status': z.strictObject({
    target: entryRef,
    status: z.enum(HYPOTHESIS_STATUSES),
    evidence: z.string().trim().max(LIMITS.text).optional(),
  }),
  'action.added': z.strictObject({
    text,
    links: z.array(entryRef).max(LIMITS.links).default([]),
    owner: name.optional(),
  }),
  'action.status': z.strictObject({
    target: entryRef,
    status: z.enum(ACTION_STATUSES),
    result: z.string().trim().max(LIMITS.text).optional(),
  }),
  'note.added': z.strictObject({ text }),
  'impact.added': z.strictObject(impactFields),
  'impact.updated': z
    .strictObject({ target: entryRef, ...z.object(impactFields).partial().shape })
    .refine((d) => Object.keys(d).length > 1, 'an update must change something'),
  'entry.edited': z
    .strictObject({
      target: entryRef,
      text: text.optional(),
      links: z.array(entryRef).max(LIMITS.links).optional(),
      owner: name.nullable().optional(),
    })
    .refine((d) => Object.keys(d).length > 1, 'an edit must change something'),
  'entry.retracted': z.strictObject({ target: entryRef, reason: z.string().trim().max(LIMITS.text).optional() }),

  // Customer updates (drafts). The draft's id is the id of its draft.created event.
  'draft.created': z.strictObject({
    title,
    audience: z.enum(DRAFT_AUDIENCES),
    channel: z.enum(DRAFT_CHANNELS),
    customer: name.optional(),
    template: z.enum(TEMPLATE_KEYS).optional(),
  }),
  /** A Yjs update (base64) to the draft's shared text: merges without losing anyone's keystrokes. */
  'draft.edited': z.strictObject({ target: entryRef, update: z.string().min(1).max(LIMITS.yUpdate).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
  'draft.updated': z
    .strictObject({
      target: entryRef,
      title: title.optional(),
      audience: z.enum(DRAFT_AUDIENCES).optional(),
      channel: z.enum(DRAFT_CHANNELS).optional(),
      customer: name.nullable().optional(),
    })
    .refine((d) => Object.keys(d).length > 1, 'an update must change something'),
  'draft.review': z.strictObject({
    target: entryRef,
    state: z.enum(DRAFT_REVIEW_STATES),
    /** Lint rule ids the reviewer has read and accepted. */
    acknowledged: z.array(z.string().max(64)).max(50).default([]),
    /** Fingerprint (src/comms/digest.ts) of the text reviewed: an approval covers that text and nothing else. */
    digest: z.string().regex(/^[0-9a-f]{8,64}$/).optional(),
    note: z.string().trim().max(LIMITS.text).optional(),
  }),
  'draft.published': z.strictObject({
    target: entryRef,
    text,
    channel: z.enum(DRAFT_CHANNELS),
    audience: z.enum(DRAFT_AUDIENCES),
    /** Impact entries marked notified by this publication. */
    notified: z.array(entryRef).max(10_000).default([]),
  }),
  'template.saved': z.strictObject({ key: z.enum(TEMPLATE_KEYS), body: text }),
  'cadence.set': z.strictObject({ minutes: z.int().min(1).max(24 * 60) }),
  /** Recorded once per missed promise: the team said an update would come by dueAt and none did. */
  'update.overdue': z.strictObject({ dueAt: epochMs }),
} as const;

export type EventKind = keyof typeof KIND_SCHEMAS;
export const EVENT_KINDS = Object.keys(KIND_SCHEMAS) as EventKind[];
export type EventDataMap = { [K in EventKind]: z.output<(typeof KIND_SCHEMAS)[K]> };
export type EventDataInput<K extends EventKind> = z.input<(typeof KIND_SCHEMAS)[K]>;

export function isEventKind(kind: unknown): kind is EventKind {
  return typeof kind === 'string' && Object.hasOwn(KIND_SCHEMAS, kind);
}
