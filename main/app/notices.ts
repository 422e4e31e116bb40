import type { WarEvent } from '../../src/kinds/event.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import type { Notice } from '../../src/ipc/contract.js';
import type { CadenceAlert } from '../services/cadence-watcher.js';
import { isReviewer } from '../../src/comms/review-requests.js';
import { noticeOf } from '../../src/incident/key-events.js';

const clip = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What deserves a native notification among new events: what src/incident/key-events.ts says a teammate's
 * change raises (a hypothesis confirmed, a status change), and a customer update waiting for your approval,
 * when someone else did it (you know what you did yourself). `state` is the state after the events.
 */
export function noticesFor(events: readonly WarEvent[], state: IncidentState, selfId: string): Notice[] {
  const notices: Notice[] = [];
  const fresh = new Set(events.filter((e) => e.actor.id !== selfId).map((e) => e.id));
  if (fresh.size === 0) return notices;
  for (const e of events) {
    if (!fresh.has(e.id) || e.kind !== 'draft.review-requested') continue;
    // Only the person asked, and only while the request stands (their own window shows it until they act).
    const draft = state.drafts[e.data.target];
    if (draft?.reviewRequest && draft.reviewRequest.at === e.at.ms && isReviewer(draft.reviewRequest, { id: selfId })) {
      notices.push({
        kind: 'review-requested',
        incident: e.incident,
        title: `Your approval is needed: ${clip(draft.title, 80)}`,
        body: `${e.actor.name} asks you to approve this customer update before it goes out.`,
      });
    }
  }
  // New events are the newest rows: walk back from the end until every fresh one was seen.
  const fromRows: Notice[] = [];
  let left = fresh.size;
  for (let i = state.timeline.length - 1; i >= 0 && left > 0; i--) {
    const row = state.timeline[i]!;
    if (!fresh.has(row.id)) continue;
    left--;
    const notice = noticeOf(row, state);
    if (notice) fromRows.push({ ...notice, incident: state.id });
  }
  return [...notices, ...fromRows.reverse()];
}

/** The cadence watcher's alerts as notices: a customer update due in two minutes, or one missed. */
export function noticeForCadence(alert: CadenceAlert): Notice {
  const at = new Date(alert.dueAt).toISOString().slice(11, 16);
  if (alert.type === 'due-soon') {
    const minutes = Math.max(1, Math.ceil(alert.msLeft / 60_000));
    return {
      kind: 'update-due',
      incident: alert.incident,
      title: `Customer update due in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      body: `${clip(alert.title, 80)}: customers were promised an update by ${at} UTC`,
    };
  }
  return {
    kind: 'update-due',
    incident: alert.incident,
    title: 'Customer update overdue',
    body: `${clip(alert.title, 80)}: the update promised for ${at} UTC has not gone out`,
  };
}
