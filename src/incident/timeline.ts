import type { IncidentState, TimelineRow } from '../model/incident-state.js';

/** One row of `warroom log --json` and of the CSV export: plain values only. */
export interface LogRow {
  id: string;
  at: string;
  author: string;
  kind: string;
  entry: string;
  text: string;
  subject?: string;
  status?: string;
  links?: string[];
  retracted?: true;
}

export function toLogRow(row: TimelineRow): LogRow {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    author: row.author.name,
    kind: row.kind,
    entry: row.entryId,
    text: row.text,
    ...(row.subject !== undefined ? { subject: row.subject } : {}),
    ...(row.status !== undefined ? { status: row.status } : {}),
    ...(row.links?.length ? { links: row.links } : {}),
    ...(row.retracted ? { retracted: true as const } : {}),
  };
}

export const logRows = (state: IncidentState): LogRow[] => state.timeline.map(toLogRow);
