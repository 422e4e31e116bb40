import type { TimelineRow } from '../incident/state.js';

/** Words a reader outside the team understands, for each kind of timeline row. Unknown kinds show as they are. */
const KIND_LABELS: Record<string, string> = {
  'incident.opened': 'Incident opened',
  'incident.updated': 'Incident updated',
  'role.assigned': 'Role assigned',
  'hypothesis.added': 'Hypothesis',
  'hypothesis.status': 'Hypothesis status',
  'action.added': 'Action',
  'action.status': 'Action status',
  'note.added': 'Note',
  'impact.added': 'Customer affected',
  'impact.updated': 'Customer impact updated',
  'entry.edited': 'Edited',
  'entry.retracted': 'Retracted',
  'draft.created': 'Draft update started',
  'draft.updated': 'Draft update changed',
  'draft.review': 'Draft update review',
  'draft.published': 'Customer update published',
  'template.saved': 'Template saved',
  'cadence.set': 'Update cadence set',
  'update.overdue': 'Customer update overdue',
};

export const kindLabel = (kind: string): string => (Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind]! : kind);

/** The row's text with the entry it is about, as one line of prose: "IP conflict — one MAC answers". */
export function rowText(row: TimelineRow): string {
  if (row.subject === undefined || row.subject === row.text) return row.text;
  return row.text ? `${row.subject} — ${row.text}` : row.subject;
}

export const HYPOTHESIS_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  investigating: 'Under investigation',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
};

export const ACTION_STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  reverted: 'Reverted',
};

export const statusLabel = (labels: Record<string, string>, status: string): string => (Object.hasOwn(labels, status) ? labels[status]! : status);

export const FOLLOW_UP_LABELS: Record<string, string> = {
  prevent: 'Prevent',
  mitigate: 'Mitigate',
  detect: 'Detect',
  process: 'Process',
};
