import type { Actor } from '../model/envelope.js';
import { milestoneViews } from './milestones.js';
import type { IncidentState, SeverityChange, TimelineRow } from './state.js';

export type KeyEventKind = 'status' | 'severity' | 'update' | 'milestone' | 'hypothesis' | 'pinned';

/** One line of the postmortem's "timeline of key events": the moments a reader needs, not every note. */
export interface KeyEvent {
  at: number;
  kind: KeyEventKind;
  what: string;
  by: Actor | null;
  /** The timeline row it came from, when it came from one. */
  rowId?: string;
}

/** Severity over time: the one the incident opened with, then each change. */
export function severityChanges(state: IncidentState): SeverityChange[] {
  if (state.severityHistory) return state.severityHistory;
  return state.openedBy ? [{ severity: state.severity, at: state.openedAt, by: state.openedBy }] : [];
}

/** Whether a row was pinned as a key event (the flag is set by the "pin" kind where the log has it). */
export const isPinned = (row: TimelineRow): boolean => (row as TimelineRow & { pinned?: boolean }).pinned === true;

/**
 * The key events, oldest first: status and severity changes, published customer updates, milestones,
 * hypotheses confirmed or ruled out, and every row someone pinned.
 */
export function keyEvents(state: IncidentState): KeyEvent[] {
  const out: KeyEvent[] = [];
  for (const s of state.statusHistory) out.push({ at: s.at, kind: 'status', what: `Status: ${s.status}`, by: s.by });
  const severities = severityChanges(state);
  severities.forEach((s, i) => {
    if (i > 0) out.push({ at: s.at, kind: 'severity', what: `Severity ${severities[i - 1]!.severity} → ${s.severity}`, by: s.by });
  });
  for (const u of state.updates)
    out.push({
      at: u.at,
      kind: 'update',
      what: `Customer update published (${u.channel}, to ${u.audience}): ${firstLine(u.text)}`,
      by: u.by,
      rowId: u.id,
    });
  for (const m of milestoneViews(state))
    if (m.at !== null && m.source === 'recorded')
      out.push({ at: m.at, kind: 'milestone', what: `Milestone: ${m.label.toLowerCase()}`, by: m.by });
  for (const row of state.timeline) {
    if (row.kind === 'hypothesis.status' && row.subject !== undefined && (row.status === 'confirmed' || row.status === 'ruled-out')) {
      out.push({
        at: row.at,
        kind: 'hypothesis',
        what: `Hypothesis ${row.status === 'confirmed' ? 'confirmed' : 'ruled out'}: ${row.subject}${row.text ? ` (${row.text})` : ''}`,
        by: row.author,
        rowId: row.id,
      });
    } else if (isPinned(row) && !row.retracted) {
      out.push({
        at: row.at,
        kind: 'pinned',
        what: row.subject && row.subject !== row.text ? `${row.subject} — ${row.text}` : row.text,
        by: row.author,
        rowId: row.id,
      });
    }
  }
  // Stable: equal times keep the order above (status before the update it prompted).
  return out.sort((a, b) => a.at - b.at);
}

const firstLine = (text: string): string => {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
};
