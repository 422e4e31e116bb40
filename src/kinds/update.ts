import { z } from 'zod';
import { isHeld, samePerson, type Person } from '../model/identity.js';
import { defineKind, noCheck } from './define.js';
import { epochMs } from './fields.js';
import { refuse, type RulesView } from './rules-view.js';

/**
 * Who records a missed update: the comms holder, else the commander, else whoever opened the incident. One
 * person, chosen from the log alone, so every peer agrees on it without asking who is online; the others'
 * windows show the countdown as overdue and never record it. (If the chosen person is away, the header still
 * says "update overdue by …" everywhere; the record waits for them, or for a role change.)
 */
export function overdueRecorder({ roles, openedBy }: Pick<RulesView, 'roles' | 'openedBy'>): Person | null {
  if (isHeld(roles, 'comms')) return roles.comms!;
  return isHeld(roles, 'commander') ? roles.commander! : openedBy;
}

/** "15:37 UTC", with the day when the row is written on another day ("7 Dec 15:37 UTC"). */
function humanTime(ms: number, writtenAt: number): string {
  const d = new Date(ms);
  const hm = d.toISOString().slice(11, 16);
  const sameDay = d.toISOString().slice(0, 10) === new Date(writtenAt).toISOString().slice(0, 10);
  return sameDay ? `${hm} UTC` : `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${hm} UTC`;
}

export const updateKinds = {
  /** Recorded once per missed promise: the team said an update would come by dueAt and none did. */
  'update.overdue': defineKind({
    schema: z.strictObject({ dueAt: epochMs }),
    check: noCheck,
    fold(state, e, row) {
      if (!state.overdue.some((o) => o.dueAt === e.data.dueAt)) state.overdue.push({ dueAt: e.data.dueAt, at: e.at.ms });
      row.text = `customer update overdue since ${humanTime(e.data.dueAt, e.at.ms)}`;
      row.status = 'overdue';
    },
    label: 'Customer update overdue',
    timeline: { label: 'Overdue' },
    /** Once per missed due time, by the one person chosen to record it, and only once the time has passed. */
    rule(view, e) {
      const recorder = overdueRecorder(view);
      if (recorder === null || !samePerson(recorder, e.actor)) {
        const who = recorder ? `${recorder.name} records it` : 'nobody records it before the incident is open';
        return refuse(
          'not-permitted',
          `${e.actor.name} may not record a missed update: ${who} (comms, else the commander, else whoever opened the incident)`,
        );
      }
      if (e.data.dueAt > e.at.ms) return refuse('not-permitted', `an update due at ${humanTime(e.data.dueAt, e.at.ms)} is not overdue yet`);
      if (view.overdueRecorded(e.data.dueAt))
        return refuse('not-permitted', `the update due at ${humanTime(e.data.dueAt, e.at.ms)} was already recorded as overdue`);
      return null;
    },
    note(book, e) {
      book.overdue.add(e.data.dueAt);
    },
    // Recorded by the cadence watcher when a promised update was missed, not by hand.
    serviceOnly: true,
  }),
};
