import type { Action, Hypothesis, TimelineRow } from '../incident/state.js';
import type { KindEvent } from './define.js';

// Fold steps shared by hypotheses, actions and notes: the three kinds of entry people type during an incident.

/** The fields every new entry starts with. */
export function newEntryBase(e: KindEvent<{ text: string }>) {
  const at = e.at.ms;
  return { id: e.id, text: e.data.text, author: e.actor, createdAt: at, updatedAt: at, edited: false, retracted: null };
}

/** Records who changed an entry's status and when, and refreshes the status on the row that shows the entry. */
export function markStatusChanged(target: Hypothesis | Action, e: KindEvent<{ status: string }>, rows: Map<string, TimelineRow>): void {
  const at = e.at.ms;
  target.statusBy = e.actor;
  target.statusAt = at;
  target.updatedAt = at;
  const entryRow = rows.get(target.id);
  if (entryRow) entryRow.status = e.data.status;
}
