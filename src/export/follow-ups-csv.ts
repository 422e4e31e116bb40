import type { IncidentState } from '../model/incident-state.js';
import { followUps } from '../incident/milestones.js';
import { csvCell } from './csv-writer.js';

/**
 * Column names the common trackers' CSV importers map without asking: Jira (Summary is picked from "Title"
 * in its mapping step, Assignee, Due Date, Labels), Linear (Title, Description, Assignee, Due Date, Labels,
 * Status) and GitHub (title/body/assignee/labels for `gh issue create` in a loop).
 */
export const FOLLOW_UP_CSV_COLUMNS = ['Title', 'Description', 'Assignee', 'Due Date', 'Labels', 'Status', 'Link', 'Incident'] as const;

const STATUS: Record<string, string> = { open: 'Todo', done: 'Done', dropped: 'Canceled' };

/** The follow-ups as tracker-ready CSV: one row each, injection-safe cells, CRLF line ends (RFC 4180). */
export function writeFollowUpsCsv(state: IncidentState): string {
  const lines: string[] = [FOLLOW_UP_CSV_COLUMNS.join(',')];
  for (const f of followUps(state)) {
    const description = `${f.text}\n\nFollow-up (${f.type}) from the postmortem of "${state.title}" (incident ${state.id}).`;
    const cells = [f.text, description, f.owner, f.due, `postmortem,${f.type}`, STATUS[f.status] ?? f.status, f.url ?? '', state.id];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
