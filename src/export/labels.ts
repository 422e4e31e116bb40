import type { TimelineRow } from '../model/incident-state.js';

export { kindLabel } from '../kinds/index.js';

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

export const statusLabel = (labels: Record<string, string>, status: string): string =>
  Object.hasOwn(labels, status) ? labels[status]! : status;

export const FOLLOW_UP_LABELS: Record<string, string> = {
  prevent: 'Prevent',
  mitigate: 'Mitigate',
  detect: 'Detect',
  process: 'Process',
};
