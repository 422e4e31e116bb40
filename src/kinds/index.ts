/**
 * The registry of event kinds: everything one kind is (schema, check, fold step, labels) lives in one entry,
 * and `fold`, the write checks, the exports and the timeline all read it. Kinds are a closed set.
 *
 * How to add an event kind
 * 1. Pick its family file here (or add one: src/kinds/<family>.ts exporting `<family>Kinds`, listed in both
 *    KIND_FAMILIES and KINDS below; a test checks the two agree).
 * 2. Add one `defineKind` entry; every part is required, so the compiler asks for each:
 *
 *      'note.pinned': defineKind({
 *        schema: z.strictObject({ target: entryRef }),                         // strict: unknown keys refused
 *        check: (state, d) => expectTarget(state, d.target, ['note'], 'note'), // local writes only; or noCheck
 *        fold(state, e, row) {                                                 // mutate state, fill the row;
 *          row.entryId = e.data.target;                                        // deterministic, ignore dangling targets
 *          row.text = 'pinned';
 *        },
 *        label: 'Note pinned',                  // exports (Markdown, HTML)
 *        timeline: { label: 'Pinned' },         // the timeline; null = never a timeline row
 *      }),
 *
 * 3. New fields on IncidentState go in src/model/incident-state.ts and emptyState() in src/incident/fold.ts.
 * 4. Add its UI (a button calling record('note.pinned', …)) and a test; nothing else needs to know the kind.
 */
import type { z } from 'zod';
import { actionKinds } from './action.js';
import { alertKinds } from './alert.js';
import { cadenceKinds } from './cadence.js';
import type { KindEntry, TimelineLook } from './define.js';
import { draftKinds } from './draft.js';
import { emailKinds } from './email.js';
import { entryKinds } from './entry.js';
import { hypothesisKinds } from './hypothesis.js';
import { impactKinds } from './impact.js';
import { incidentKinds } from './incident.js';
import { noteKinds } from './note.js';
import { postmortemKinds } from './postmortem.js';
import { roleKinds } from './role.js';
import { statementKinds } from './statement.js';
import { statusPageKinds } from './status-page.js';
import { templateKinds } from './template.js';
import { updateKinds } from './update.js';

/** Each family's kinds, in the order EVENT_KINDS lists them. A family may not repeat another's kind (tested). */
export const KIND_FAMILIES = [
  incidentKinds,
  roleKinds,
  hypothesisKinds,
  actionKinds,
  noteKinds,
  impactKinds,
  entryKinds,
  draftKinds,
  templateKinds,
  cadenceKinds,
  updateKinds,
  postmortemKinds,
  statementKinds,
  statusPageKinds,
  emailKinds,
  alertKinds,
] as const;

export const KINDS = {
  ...incidentKinds,
  ...roleKinds,
  ...hypothesisKinds,
  ...actionKinds,
  ...noteKinds,
  ...impactKinds,
  ...entryKinds,
  ...draftKinds,
  ...templateKinds,
  ...cadenceKinds,
  ...updateKinds,
  ...postmortemKinds,
  ...statementKinds,
  ...statusPageKinds,
  ...emailKinds,
  ...alertKinds,
};

export type EventKind = keyof typeof KINDS;
type Schemas = { [K in EventKind]: (typeof KINDS)[K]['schema'] };
export type EventDataMap = { [K in EventKind]: z.output<Schemas[K]> };
export type EventDataInput<K extends EventKind> = z.input<Schemas[K]>;

// Every entry is complete and its check and fold step take its own schema's data.
KINDS satisfies { [K in EventKind]: KindEntry<Schemas[K]> };

export const EVENT_KINDS = Object.keys(KINDS) as EventKind[];

/** The schema of each kind, for code that only validates. */
export const KIND_SCHEMAS = Object.fromEntries(EVENT_KINDS.map((k) => [k, KINDS[k].schema])) as Schemas;

export function isEventKind(kind: unknown): kind is EventKind {
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind);
}

/** A kind's entry with its types widened, for code that handles every kind alike (fold, checks). */
export const kindEntry = (kind: EventKind): KindEntry => KINDS[kind] as unknown as KindEntry;

/** Words a reader outside the team understands, for exports. Unknown kinds show as they are. */
export const kindLabel = (kind: string): string => (isEventKind(kind) ? KINDS[kind].label : kind);

/** How the timeline shows a kind; unknown kinds show their name. */
export const timelineLook = (kind: string): TimelineLook => (isEventKind(kind) ? KINDS[kind].timeline : null) ?? { label: kind };

export { lookup, type KindEntry, type TimelineLook } from './define.js';
export { impactFields } from './fields.js';
