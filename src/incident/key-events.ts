import type { Actor } from '../model/envelope.js';
import type { IncidentState, SeverityChange, TimelineRow } from '../model/incident-state.js';
import { isEventKind, kindEntry } from '../kinds/index.js';
import type { DigestCount, KeyEventKind, Moment, NoticeKind } from '../kinds/moments.js';
import { milestoneViews } from './milestones.js';

/**
 * What matters to someone who was not watching, in one place: the key events (the postmortem's "timeline of
 * key events", the catch-up view), "since you last looked" and the notices a teammate's change raises. Each
 * kind's entry says what one of its rows means (its `moment`, src/kinds/); a row someone pinned is a key event
 * whatever its kind. Pure: the window, the exports and main read the same answers.
 */

export type { KeyEventKind } from '../kinds/moments.js';

/** One line of the key events: the moments a reader needs, not every note. */
export interface KeyEvent {
  at: number;
  kind: KeyEventKind;
  what: string;
  by: Actor | null;
  /** The timeline row it came from, when it came from one. */
  rowId?: string;
  /** Someone pinned that row as a key event (state.keyEvents). */
  pinned?: true;
}

/** What a timeline row means, from its kind's entry; null when nothing beyond being a row. */
export function momentOf(row: TimelineRow): Moment | null {
  return isEventKind(row.kind) ? (kindEntry(row.kind).moment?.(row) ?? null) : null;
}

/** Severity over time: the one the incident opened with, then each change. */
export function severityChanges(state: IncidentState): SeverityChange[] {
  if (state.severityHistory) return state.severityHistory;
  return state.openedBy ? [{ severity: state.severity, at: state.openedAt, by: state.openedBy }] : [];
}

/**
 * The key events, oldest first: the opening, status and severity changes, published customer updates,
 * milestones, hypotheses confirmed or ruled out, and every row someone pinned (state.keyEvents, set by
 * entry.pinned) that was not retracted.
 */
export function keyEvents(state: IncidentState): KeyEvent[] {
  const out: KeyEvent[] = [];
  // A published update is listed from state.updates below (with its channel and audience), pinned or not.
  const updates = new Set(state.updates.map((u) => u.id));
  const verdicts = finalVerdicts(state);
  for (const row of state.timeline) {
    if (updates.has(row.id)) continue;
    const pinned = state.keyEvents[row.id] !== undefined && !row.retracted;
    const key = momentOf(row)?.key;
    // A hypothesis' verdict is listed once: the one it ended with, when it was reached (not every flip of triage).
    if (key && key.kind === 'hypothesis' && verdicts.get(row.entryId) !== row.id && !pinned) continue;
    if (key) out.push({ at: row.at, kind: key.kind, what: key.what, by: row.author, rowId: row.id, ...(pinned ? { pinned } : {}) });
    else if (pinned) out.push({ at: row.at, kind: 'pinned', what: pinnedText(row), by: row.author, rowId: row.id, pinned });
  }
  const severities = severityChanges(state);
  severities.forEach((s, i) => {
    if (i > 0) out.push({ at: s.at, kind: 'severity', what: `Severity ${severities[i - 1]!.severity} → ${s.severity}`, by: s.by });
  });
  for (const u of state.updates) {
    const what = `Customer update published (${u.channel}, to ${u.audience}): ${firstLine(u.text)}`;
    out.push({ at: u.at, kind: 'update', what, by: u.by, rowId: u.id, ...(state.keyEvents[u.id] ? { pinned: true as const } : {}) });
  }
  for (const m of milestoneViews(state))
    if (m.at !== null && m.source === 'recorded')
      out.push({ at: m.at, kind: 'milestone', what: `Milestone: ${m.label.toLowerCase()}`, by: m.by });
  // Stable: equal times keep the order above (a status change before the update it prompted).
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Hypothesis id -> the row of its final verdict: its last status change, when that was a verdict (confirmed or
 * ruled out) and still its status. A hypothesis re-opened after a verdict has none.
 */
function finalVerdicts(state: IncidentState): Map<string, string> {
  const last = new Map<string, TimelineRow>();
  for (const row of state.timeline) if (row.kind === 'hypothesis.status' && !row.retracted) last.set(row.entryId, row);
  const out = new Map<string, string>();
  for (const [id, row] of last) {
    const h = state.entries[id];
    if ((row.status === 'confirmed' || row.status === 'ruled-out') && h?.kind === 'hypothesis' && h.status === row.status)
      out.set(id, row.id);
  }
  return out;
}

const pinnedText = (row: TimelineRow): string => (row.subject && row.subject !== row.text ? `${row.subject} — ${row.text}` : row.text);

const firstLine = (text: string): string => {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
};

/** "What changed since I last looked": counts of what was added, and the changes that matter most. */
export interface Digest {
  since: number;
  /** Timeline rows after `since`. */
  total: number;
  counts: Record<DigestCount, number>;
  /** The few changes that matter most, one line each. */
  highlights: string[];
  authors: string[];
}

/**
 * For the person who steps away from the call and comes back: counts what was added, and names what matters
 * (status changes, hypotheses confirmed or ruled out, customers told, updates published, roles).
 */
export function sinceDigest(state: IncidentState, since: number): Digest {
  const counts: Record<DigestCount, number> = { hypotheses: 0, actions: 0, notes: 0, customers: 0, updates: 0 };
  const highlights: string[] = [];
  const authors = new Set<string>();
  let total = 0;
  // Rows are in (at, id) order; the ones after `since` are at the end, so walk back until older.
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const row = state.timeline[i]!;
    if (row.at <= since) break;
    total++;
    authors.add(row.author.name);
    const moment = momentOf(row);
    if (moment?.count) counts[moment.count]++;
    if (moment?.highlight) highlights.push(moment.highlight);
  }
  return { since, total, counts, highlights: highlights.slice(0, 6), authors: [...authors] };
}

/** "3 hypotheses, 2 actions, 1 customer affected": the counts in words, zeros left out. */
export function describeCounts(counts: Digest['counts']): string {
  const words: [DigestCount, string, string][] = [
    ['hypotheses', 'hypothesis', 'hypotheses'],
    ['actions', 'action', 'actions'],
    ['notes', 'note', 'notes'],
    ['customers', 'customer affected', 'customers affected'],
    ['updates', 'customer update', 'customer updates'],
  ];
  return words
    .filter(([key]) => counts[key] > 0)
    .map(([key, one, many]) => `${counts[key]} ${counts[key] === 1 ? one : many}`)
    .join(', ');
}

/** A change a teammate made that deserves a native notification, in words (main/app/notices.ts shows it). */
export interface NoticeText {
  kind: NoticeKind;
  title: string;
  body: string;
}

const clip = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The notice a row raises for everyone but its author, or null. */
export function noticeOf(row: TimelineRow, state: Pick<IncidentState, 'title'>): NoticeText | null {
  const notice = momentOf(row)?.notice;
  if (notice === 'hypothesis-confirmed')
    return {
      kind: notice,
      title: `Confirmed: ${clip(row.subject ?? 'a hypothesis')}`,
      body: row.text ? `${row.author.name}: ${clip(row.text)}` : `by ${row.author.name}`,
    };
  if (notice === 'status-changed')
    return { kind: notice, title: `${clip(state.title, 80)} is now ${row.status}`, body: `by ${row.author.name}` };
  return null;
}
