import type { z } from 'zod';
import type { EnvelopeBase } from '../model/envelope.js';
import { fail, ok, type Result } from '../model/result.js';
import type { IncidentState, TimelineRow } from '../model/incident-state.js';
import type { Moment } from './moments.js';
import type { Refusal, RulesNotes, RulesView } from './rules-view.js';

/** An event as a fold step sees it: the envelope plus data already parsed by the kind's own schema. */
export interface KindEvent<D> extends EnvelopeBase {
  kind: string;
  data: D;
}

/** How the timeline shows a kind's rows. */
export interface TimelineLook {
  /** The short word before the row's text ("Hypothesis", "Draft"). */
  label: string;
  /** Show the hypothesis number (H3) of the entry the row is about. */
  ref?: boolean;
  /** The row changes an existing entry: show that entry's text as the subject, then "— what changed". */
  change?: boolean;
}

/**
 * Everything one event kind is, in one place. Every part is required, so a kind missing one does not compile.
 * `D` is what the schema outputs; the check and the fold step receive exactly that.
 */
export interface KindEntry<S extends z.ZodType = z.ZodType> {
  /** Strict zod schema of the event's data: unknown keys are refused. */
  schema: S;
  /**
   * What a local write needs from the incident as this peer sees it (targets exist, have the right kind, are
   * not retracted). Runs after "the incident is open" was checked. Remote events skip it: they may arrive
   * before their targets, and the fold step ignores dangling ones. Who may do it (roles, authorship) is not
   * this check's business: `rule` judges that on every peer, remote events included.
   */
  check: (state: IncidentState, data: z.output<S>) => Result<void>;
  /**
   * Applies the event to the state, mutating it, and fills in the event's timeline `row` (pre-made with every
   * field, so rows share one hidden class). `rows` indexes the rows by entry id so a change can refresh the
   * row that shows its entry. Must be deterministic: every peer folds the same events in the same order.
   */
  fold: (state: IncidentState, e: KindEvent<z.output<S>>, row: TimelineRow, rows: Map<string, TimelineRow>) => void;
  /** Words a reader outside the team understands, for exports ("Customer update published"). */
  label: string;
  /** How the timeline shows it; null: the kind never gets a timeline row (draft keystrokes). */
  timeline: TimelineLook | null;
  /**
   * Who may write it, judged from the event's signed actor against a small view of the incident
   * (src/kinds/rules-view.ts), or null when it may be applied. Runs on every road (the window, the CLI, the
   * hub, and the fold on every peer, so a peer's events are judged too): pure, and blind to the order events
   * come in; whoever calls it decides that.
   */
  rule?: (view: RulesView, e: KindEvent<z.output<S>>) => Refusal | null;
  /**
   * A policy judged where the event is written or first stored (the writer's app and CLI, the hub), but not
   * when a log is folded: its judge may change between versions (the linter learns new phrases), and an
   * update approved and published under one version must stay published when the log is read by the next.
   */
  writePolicy?: (view: RulesView, e: KindEvent<z.output<S>>) => Refusal | null;
  /**
   * What the hub's rules book (src/kinds/rules-book.ts) must note from an accepted event of this kind so later
   * events can be judged without folding the incident. Absent: the rules never need this kind's events.
   */
  note?: (book: RulesNotes, e: KindEvent<z.output<S>>) => void;
  /**
   * Only the app's own services record it (drafts, the cadence watcher), which compute its data from the log;
   * the window's generic `event:record` channel refuses it (code `service-only`).
   */
  serviceOnly?: true;
  /** What one of its timeline rows means to someone catching up (src/kinds/moments.ts); absent: nothing. */
  moment?: (row: TimelineRow) => Moment | null;
}

/** Keeps the schema's type attached to the entry, so `check` and `fold` see typed data. */
export const defineKind = <S extends z.ZodType>(entry: KindEntry<S>): KindEntry<S> => entry;

/** The check of a kind that needs nothing from the incident beyond it being open. */
export const noCheck = (): Result<void> => ok(undefined);

export const isLive = (x: { retracted: unknown } | undefined): boolean => x !== undefined && x.retracted === null;

/** Finds what an id names in an incident: an entry, a customer impact or a draft. */
export function lookup(state: IncidentState, id: string) {
  if (Object.hasOwn(state.entries, id)) return { type: state.entries[id]!.kind, item: state.entries[id]! } as const;
  if (Object.hasOwn(state.impacts, id)) return { type: 'impact', item: state.impacts[id]! } as const;
  if (Object.hasOwn(state.drafts, id)) return { type: 'draft', item: state.drafts[id]! } as const;
  return null;
}

/** Checks that `id` names a live item of one of `types`; `what` names it in the error ("no hypothesis …"). */
export function expectTarget(state: IncidentState, id: string, types: readonly string[], what: string): Result<void> {
  const found = lookup(state, id);
  if (!found) return fail(`no ${what} "${id}" in incident ${state.id}`);
  if (!types.includes(found.type)) return fail(`"${id}" is a ${found.type}, not a ${what}`);
  if (found.item.retracted) return fail(`"${id}" was retracted`);
  return ok(undefined);
}

/** Every link must name a live hypothesis. */
export function expectHypothesisLinks(state: IncidentState, links: readonly string[] | undefined): Result<void> {
  for (const link of links ?? []) {
    const r = expectTarget(state, link, ['hypothesis'], 'hypothesis');
    if (!r.ok) return fail(`link: ${r.error}`);
  }
  return ok(undefined);
}

/** "title: X, level: major" for an update row; notifiedAt reads as a time. */
export function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'notifiedAt' && typeof v === 'number' ? `notified at ${new Date(v).toISOString()}` : `${k}: ${String(v)}`))
    .join(', ');
}
