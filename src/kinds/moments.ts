// What a timeline row means to someone who was not watching: each kind's entry says it (its `moment` part), and
// src/incident/key-events.ts turns it into the key events, "since you last looked" and the notices.

/** The headings "since you last looked" counts new rows under. */
export type DigestCount = 'hypotheses' | 'actions' | 'notes' | 'customers' | 'updates';

/** The kinds of key event (the postmortem's "timeline of key events", the catch-up view). */
export type KeyEventKind = 'opened' | 'status' | 'severity' | 'update' | 'milestone' | 'hypothesis' | 'pinned';

/** The native notifications a teammate's change can raise. */
export type NoticeKind = 'hypothesis-confirmed' | 'status-changed';

export interface Moment {
  /** Counted in "since you last looked" under this heading. */
  count?: DigestCount;
  /** One line for "since you last looked" (the author's name is the caller's to add where it says so). */
  highlight?: string;
  /** A key event drawn from this row: what kind, in words a reader outside the team understands. */
  key?: { kind: KeyEventKind; what: string };
  /** A native notification for everyone but its author. */
  notice?: NoticeKind;
}
