import { nextUpdateDue } from '../incident/summary.js';
import type { IncidentState } from '../model/incident-state.js';

/** How long before a due update the team is reminded (a native notification, an amber header). */
export const DUE_SOON_MS = 2 * 60_000;

export interface Countdown {
  /** When the next customer update is due; null when none is (resolved). */
  dueAt: number | null;
  /** Milliseconds until dueAt (negative once overdue); null when nothing is due. */
  msLeft: number | null;
  overdue: boolean;
  /** Within DUE_SOON_MS of the due time and not yet overdue. */
  dueSoon: boolean;
  /** For the summary header: "next update in 12:04", "update overdue by 3 min", "no update due". */
  label: string;
}

/** The countdown to the next customer update, as the summary header shows it. */
export function countdown(state: IncidentState, now: number): Countdown {
  const dueAt = nextUpdateDue(state);
  if (dueAt === null) return { dueAt: null, msLeft: null, overdue: false, dueSoon: false, label: 'no update due' };
  const msLeft = dueAt - now;
  const overdue = msLeft <= 0;
  return {
    dueAt,
    msLeft,
    overdue,
    dueSoon: !overdue && msLeft <= DUE_SOON_MS,
    label: overdue ? `update overdue by ${overdueBy(-msLeft)}` : `next update in ${clock(msLeft)}`,
  };
}

/** "12:04", "1:02:09": rounded up, so the header never shows 0:00 while time is left. */
function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** "45 s", "3 min", "1 h 5 min": whole units, rounded down (overdue by 3 min until it is 4). */
function overdueBy(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${h} h` : `${h} h ${minutes % 60} min`;
}
