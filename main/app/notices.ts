import type { WarEvent } from '../../src/model/envelope.js';
import type { IncidentState } from '../../src/incident/state.js';
import type { Notice } from '../../src/ipc/contract.js';
import type { CadenceAlert } from '../services/cadence-watcher.js';
import { isReviewer } from '../../src/comms/review-requests.js';

const clip = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What deserves a native notification among new events: a hypothesis confirmed, an incident status change,
 * and a customer update waiting for your approval, when someone else did it (you know what you did
 * yourself). `state` is the state after the events.
 */
export function noticesFor(events: readonly WarEvent[], state: IncidentState, selfId: string, selfName = ''): Notice[] {
  const notices: Notice[] = [];
  for (const e of events) {
    if (e.actor.id === selfId) continue;
    if (e.kind === 'draft.review-requested') {
      // Only the person asked, and only while the request stands (their own window shows it until they act).
      const draft = state.drafts[e.data.target];
      if (draft?.reviewRequest && draft.reviewRequest.at === e.at.ms && isReviewer(draft.reviewRequest, { id: selfId, name: selfName })) {
        notices.push({
          kind: 'review-requested',
          incident: e.incident,
          title: `Your approval is needed: ${clip(draft.title, 80)}`,
          body: `${e.actor.name} asks you to approve this customer update before it goes out.`,
        });
      }
      continue;
    }
    if (e.kind === 'hypothesis.status' && e.data.status === 'confirmed') {
      const h = state.entries[e.data.target];
      notices.push({
        kind: 'hypothesis-confirmed',
        incident: e.incident,
        title: `Confirmed: ${clip(h?.text ?? 'a hypothesis')}`,
        body: e.data.evidence ? `${e.actor.name}: ${clip(e.data.evidence)}` : `by ${e.actor.name}`,
      });
    } else if (e.kind === 'incident.updated' && e.data.status !== undefined) {
      notices.push({
        kind: 'status-changed',
        incident: e.incident,
        title: `${clip(state.title, 80)} is now ${e.data.status}`,
        body: `by ${e.actor.name}`,
      });
    }
  }
  return notices;
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
