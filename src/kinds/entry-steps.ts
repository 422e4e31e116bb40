import type { Action, Entry, Hypothesis, IncidentState, TimelineRow } from '../model/incident-state.js';
import { isLive, type KindEvent } from './define.js';

// Fold steps shared by hypotheses, actions and notes: the three kinds of entry people type during an incident.

/** The fields every new entry starts with. */
export function newEntryBase(e: KindEvent<{ text: string }>) {
  const at = e.at.ms;
  return { id: e.id, text: e.data.text, author: e.actor, createdAt: at, updatedAt: at, edited: false, retracted: null };
}

/**
 * The shared part of a status change: fills in the row, and when the target is a live entry of `kind`, sets
 * its status, who and when, and refreshes the row that shows it. Returns that entry for the caller to add its
 * evidence or result; undefined when the target is missing, of another kind or retracted.
 */
export function foldStatusChange<K extends 'hypothesis' | 'action'>(
  state: IncidentState,
  e: KindEvent<{ target: string; status: Extract<Entry, { kind: K }>['status'] }>,
  row: TimelineRow,
  rows: Map<string, TimelineRow>,
  kind: K,
  note: string | undefined,
): Extract<Entry, { kind: K }> | undefined {
  const target = state.entries[e.data.target];
  row.entryId = e.data.target;
  row.entryKind = kind;
  row.status = e.data.status;
  row.text = note ?? '';
  if (target?.kind !== kind || !isLive(target)) return undefined;
  const entry = target as Hypothesis | Action;
  row.subject = entry.text;
  entry.status = e.data.status as never;
  entry.statusBy = e.actor;
  entry.statusAt = e.at.ms;
  // Fold order, not the writer's claimed time: "the lead" compares it with the incident's last change.
  if (kind === 'hypothesis') (entry as Hypothesis).statusOrder = state.eventCount;
  entry.updatedAt = e.at.ms;
  const entryRow = rows.get(entry.id);
  if (entryRow) entryRow.status = e.data.status;
  return entry as Extract<Entry, { kind: K }>;
}
