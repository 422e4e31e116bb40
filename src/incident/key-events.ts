import type { Actor } from '../model/envelope.js';
import type { Severity } from '../model/vocabulary.js';
import { milestoneViews } from './milestones.js';
import type { IncidentState, TimelineRow } from './state.js';

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

export interface SeverityChange {
  severity: Severity;
  at: number;
  by: Actor;
}

// fold writes an update's row as "status x, title: …, severity SEVn, summary updated" (parts optional, in that
// order); anchoring at the end keeps a title that mentions a severity from being read as a change.
const SEVERITY_PART = /(?:^|, )severity (SEV[1-4])(?:, summary updated)?$/;

/**
 * Severity over time: the one the incident opened with, then each change. States that carry no history are
 * read from their rows; their opening severity is then unknown when it changed later, and shown as such.
 */
export function severityChanges(state: IncidentState): SeverityChange[] {
  const recorded = (state as IncidentState & { severityHistory?: SeverityChange[] }).severityHistory;
  if (recorded) return recorded;
  const changes: SeverityChange[] = [];
  for (const row of state.timeline) {
    const m = row.kind === 'incident.updated' ? SEVERITY_PART.exec(row.text) : null;
    if (m) changes.push({ severity: m[1] as Severity, at: row.at, by: row.author });
  }
  if (changes.length === 0 && state.openedBy) changes.push({ severity: state.severity, at: state.openedAt, by: state.openedBy });
  return changes;
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
    if (s.at === state.openedAt && i === 0) return;
    const before = i > 0 ? `${severities[i - 1]!.severity} → ` : '';
    if (before === '' || severities[i - 1]!.severity !== s.severity) out.push({ at: s.at, kind: 'severity', what: `Severity ${before}${s.severity}`, by: s.by });
  });
  for (const u of state.updates) out.push({ at: u.at, kind: 'update', what: `Customer update published (${u.channel}, to ${u.audience}): ${firstLine(u.text)}`, by: u.by, rowId: u.id });
  for (const m of milestoneViews(state)) if (m.at !== null && m.source === 'recorded') out.push({ at: m.at, kind: 'milestone', what: `Milestone: ${m.label.toLowerCase()}`, by: m.by });
  for (const row of state.timeline) {
    if (row.kind === 'hypothesis.status' && row.subject !== undefined && (row.status === 'confirmed' || row.status === 'ruled-out')) {
      out.push({ at: row.at, kind: 'hypothesis', what: `Hypothesis ${row.status === 'confirmed' ? 'confirmed' : 'ruled out'}: ${row.subject}${row.text ? ` (${row.text})` : ''}`, by: row.author, rowId: row.id });
    } else if (isPinned(row) && !row.retracted) {
      out.push({ at: row.at, kind: 'pinned', what: row.subject && row.subject !== row.text ? `${row.subject} — ${row.text}` : row.text, by: row.author, rowId: row.id });
    }
  }
  // Stable: equal times keep the order above (status before the update it prompted).
  return out.sort((a, b) => a.at - b.at);
}

const firstLine = (text: string): string => {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
};
