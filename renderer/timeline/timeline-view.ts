import type { IncidentState, TimelineRow } from '../../src/model/incident-state.js';
import { hypothesisNumbers } from '../lib/hypothesis-numbers.js';
import { derivedView } from '../state/derived-view.js';

/** What the timeline shows: the rows, and what a row looks up (hypothesis numbers, owners, pins, live entries). */
export interface TimelineView {
  /** The folder's own array, which grows in place: `total` is what tells a longer log apart. */
  rows: readonly TimelineRow[];
  total: number;
  numbers: Map<string, number>;
  entries: IncidentState['entries'];
  keyEvents: IncidentState['keyEvents'];
  /** Events the hub has not ordered yet: a new array when that changes, which renumbers hypotheses (H? becomes H4). */
  provisional: IncidentState['provisional'];
}

/**
 * Changes only when a row is added, the log is refolded or the hub's order settles provisional events. Every event that changes what a row shows (a status,
 * an edit, a retraction, a pin, an owner) adds a row of its own; the one kind without a row, `draft.edited`,
 * changes a draft's text, which no row shows (test/unit/renderer-views-render.test.tsx holds that to account).
 * So a co-editor's keystrokes, a toast or a sync status do not render the log again.
 */
export const selectTimelineView = derivedView<TimelineView>(
  (state) => ({
    rows: state.timeline,
    total: state.timeline.length,
    numbers: hypothesisNumbers(state),
    entries: state.entries,
    keyEvents: state.keyEvents,
    provisional: state.provisional,
  }),
  (a, b) =>
    a.rows === b.rows && a.total === b.total && a.entries === b.entries && a.keyEvents === b.keyEvents && a.provisional === b.provisional,
);

/** The owner of the action a row adds (shown in the row: who is on it). */
export function ownerOf(view: TimelineView, row: TimelineRow): string | undefined {
  if (row.kind !== 'action.added') return undefined;
  return view.entries[row.entryId]?.owner;
}
