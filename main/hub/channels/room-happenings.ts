import type { WarEvent } from '../../../src/kinds/event.js';
import { applyEvent, emptyState } from '../../../src/incident/fold.js';
import type { CustomerImpact, IncidentState, PublishedUpdate, TimelineRow } from '../../../src/model/incident-state.js';
import { publicIncidentOf, type PublicIncident } from '../../../src/status-page/public-incident.js';
import { emailRecipients } from '../../../src/comms/email-recipients.js';
import type { HubRoom } from '../hub-room.js';

/** The incident as a notification names it, just after what happened. */
export interface IncidentBrief {
  id: string;
  title: string;
  status: IncidentState['status'];
  severity: IncidentState['severity'];
  isPublic: boolean;
}

/** Something the outside is told about: a chat message, a webhook call, an email. */
export type Happening =
  | { type: 'incident.opened'; event: WarEvent; incident: IncidentBrief; summary: string }
  | { type: 'incident.status_changed'; event: WarEvent; incident: IncidentBrief; from: string; to: string; reason?: string }
  | { type: 'incident.severity_changed'; event: WarEvent; incident: IncidentBrief; from: string; to: string; reason?: string }
  | { type: 'statement.updated'; event: WarEvent; incident: IncidentBrief; impact: string; doing: string; next: string }
  | {
      type: 'update.published';
      event: WarEvent;
      incident: IncidentBrief;
      update: PublishedUpdate;
      title: string;
      recipients: CustomerImpact[];
    }
  | {
      type: 'email.resend';
      event: WarEvent;
      incident: IncidentBrief;
      update: PublishedUpdate;
      title: string;
      recipients: CustomerImpact[];
    };

export const HAPPENING_TYPES = [
  'incident.opened',
  'incident.status_changed',
  'incident.severity_changed',
  'statement.updated',
  'update.published',
] as const;

/** The kinds that can change what the outside sees: only these make the hub fold a room again. */
export const WATCHED_KINDS: ReadonlySet<string> = new Set([
  'incident.opened',
  'incident.updated',
  'status.statement',
  'draft.published',
  'email.resend',
  'incident.visibility',
  'component.set',
  'component.removed',
]);

export interface RoomFold {
  /** Positions folded (the room's size when the fold began). */
  position: number;
  /** The incident as the public page shows it; null when it is not public. */
  page: PublicIncident | null;
  /** What happened at positions after `from`, judged by the fold's rules in the agreed order; refused events say nothing. */
  happenings: Happening[];
}

/**
 * Folds a room from its stored events in the agreed order, with the rules every peer runs (src/incident/fold.ts),
 * and notes what happened at the positions after `from`. Nothing is kept once it returns: the state is built
 * for this fold and dropped, so the hub's memory per room stays the page (bounded) and the index.
 */
export async function foldRoom(room: HubRoom, from: number): Promise<RoomFold> {
  const state = emptyState(room.id);
  const rows = new Map<string, TimelineRow>();
  const happenings: Happening[] = [];
  const end = room.size;
  let n = 0;
  for await (const page of room.ordered(end)) {
    for (const e of page) {
      if (n++ < from || !WATCHED_KINDS.has(e.kind)) applyEvent(state, e, rows);
      else {
        const before = snapshot(state);
        applyEvent(state, e, rows);
        if (state.refused.length === before.refused) happenings.push(...happened(state, e, before));
      }
    }
    // Give peers' pushes and pulls a turn between pages: a big room folds in slices.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { position: end, page: publicIncidentOf(state), happenings };
}

function snapshot(state: IncidentState) {
  return { refused: state.refused.length, status: state.status, severity: state.severity, updates: state.updates.length };
}

const brief = (s: IncidentState): IncidentBrief => ({
  id: s.id,
  title: s.title,
  status: s.status,
  severity: s.severity,
  isPublic: s.isPublic,
});

function happened(state: IncidentState, e: WarEvent, before: ReturnType<typeof snapshot>): Happening[] {
  const incident = brief(state);
  switch (e.kind) {
    case 'incident.opened':
      return e.id === state.id ? [{ type: 'incident.opened', event: e, incident, summary: state.summary }] : [];
    case 'incident.updated': {
      const out: Happening[] = [];
      const reason = e.data.reason;
      if (state.status !== before.status)
        out.push({
          type: 'incident.status_changed',
          event: e,
          incident,
          from: before.status,
          to: state.status,
          ...(reason ? { reason } : {}),
        });
      if (state.severity !== before.severity)
        out.push({
          type: 'incident.severity_changed',
          event: e,
          incident,
          from: before.severity,
          to: state.severity,
          ...(reason ? { reason } : {}),
        });
      return out;
    }
    case 'status.statement':
      return [{ type: 'statement.updated', event: e, incident, impact: e.data.impact, doing: e.data.doing, next: e.data.next }];
    case 'draft.published': {
      if (state.updates.length === before.updates) return [];
      const update = state.updates.at(-1)!;
      const title = state.drafts[update.draftId]?.title ?? 'Customer update';
      return [{ type: 'update.published', event: e, incident, update, title, recipients: emailRecipients(state, update) }];
    }
    case 'email.resend': {
      const update = state.updates.find((u) => u.id === e.data.publication);
      if (!update) return [];
      const wanted = new Set(e.data.customers);
      // Only those whose message for this update did not get through: a resend never mails anyone twice.
      const recipients = emailRecipients(state, update).filter(
        (i) => wanted.has(i.id) && !(i.email?.publication === update.id && i.email.outcome === 'sent'),
      );
      const title = state.drafts[update.draftId]?.title ?? 'Customer update';
      return [{ type: 'email.resend', event: e, incident, update, title, recipients }];
    }
    default:
      return [];
  }
}
