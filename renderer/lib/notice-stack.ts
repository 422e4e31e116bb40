import type { Notice } from '../../src/ipc/contract.js';

/** A notice on screen: one or several that came in a burst, shown as one ("3 updates"). */
export interface Toast extends Notice {
  id: number;
  /** Every notice in this one, oldest first; the toast's own fields are the newest's. */
  items: Notice[];
  /** When the burst started (the coalescing window runs from here). */
  since: number;
}

/** Notices that arrive within this long of a burst's first one join it instead of stacking up. */
export const BURST_MS = 8_000;
/** At most this many notices on screen at once; the oldest give way. */
export const MAX_TOASTS = 5;

/**
 * Adds a notice to what is on screen. Teammates' updates (and cadence reminders) that come in a burst become
 * one notice that counts them; this window's own errors and confirmations stand alone (each says what to do or
 * what happened), and nothing stacks more than MAX_TOASTS deep.
 */
export function addNotice(toasts: readonly Toast[], notice: Notice, now: number, id: number): Toast[] {
  const last = toasts[toasts.length - 1];
  const news = (k: Notice['kind']): boolean => k !== 'error' && k !== 'info';
  if (news(notice.kind) && last && news(last.kind) && last.incident === notice.incident && now - last.since < BURST_MS) {
    const items = [...last.items, notice];
    return [...toasts.slice(0, -1), { ...notice, id: last.id, items, since: last.since }];
  }
  return [...toasts, { ...notice, id, items: [notice], since: now }].slice(-MAX_TOASTS);
}

/** "Confirmed: …" for one notice, "3 updates" for a burst. */
export const toastTitle = (t: Toast): string => (t.items.length > 1 ? `${t.items.length} updates` : t.title);
