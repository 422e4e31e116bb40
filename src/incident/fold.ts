import { compareEvents, type WarEvent } from '../model/envelope.js';
import type { Entry, IncidentState, TimelineRow } from './state.js';

export function emptyState(id: string): IncidentState {
  return {
    id,
    title: '(untitled incident)',
    severity: 'SEV3',
    status: 'investigating',
    summary: '',
    openedAt: 0,
    openedBy: null,
    resolvedAt: null,
    lastEventAt: 0,
    roles: {},
    entries: {},
    hypotheses: [],
    actions: [],
    notes: [],
    impacts: {},
    impactOrder: [],
    drafts: {},
    draftOrder: [],
    updates: [],
    templates: {},
    cadenceMinutes: null,
    overdue: [],
    statusHistory: [],
    timeline: [],
    eventCount: 0,
  };
}

/**
 * Folds events into state. Order- and duplicate-insensitive: events are deduplicated by id and applied in
 * (at, id) order, so every peer holding the same set of events computes the same state.
 */
export function fold(events: Iterable<WarEvent>, incidentId?: string): IncidentState {
  const sorted = sortUnique(events);
  const state = emptyState(incidentId ?? sorted[0]?.incident ?? '');
  const rows = new Map<string, TimelineRow>();
  for (const e of sorted) applyEvent(state, e, rows);
  return state;
}

/** Deduplicates by id; if two different events ever share an id, the smaller serialisation wins on every peer. */
export function sortUnique(events: Iterable<WarEvent>): WarEvent[] {
  const byId = new Map<string, WarEvent>();
  for (const e of events) {
    const seen = byId.get(e.id);
    if (seen === undefined) byId.set(e.id, e);
    else if (seen !== e && JSON.stringify(e) < JSON.stringify(seen)) byId.set(e.id, e);
  }
  return [...byId.values()].sort(compareEvents);
}

const isLive = (x: { retracted: unknown } | undefined): boolean => x !== undefined && x.retracted === null;

/**
 * Applies one event, mutating state. `rows` indexes the timeline rows by entry id so edits, status changes and
 * retractions can refresh the row that shows the entry. Events naming a target that does not exist (yet) are
 * kept in the timeline but change nothing, so a forged or early reference cannot corrupt state.
 */
export function applyEvent(state: IncidentState, e: WarEvent, rows: Map<string, TimelineRow>): void {
  const at = e.at.ms;
  state.eventCount++;
  state.lastEventAt = Math.max(state.lastEventAt, at);
  // Every field is present from the start so all rows share one hidden class (a large fold stays fast).
  const row: TimelineRow = {
    id: e.id,
    at,
    hlc: e.at,
    author: e.actor,
    kind: e.kind,
    entryId: e.id,
    entryKind: undefined,
    text: '',
    subject: undefined,
    status: undefined,
    links: undefined,
    retracted: false,
  };

  switch (e.kind) {
    case 'incident.opened': {
      if (state.openedBy === null) {
        Object.assign(state, {
          title: e.data.title,
          severity: e.data.severity,
          status: e.data.status ?? 'investigating',
          summary: e.data.summary ?? '',
          openedAt: at,
          openedBy: e.actor,
        });
        state.statusHistory.push({ status: state.status, at, by: e.actor });
      }
      row.entryKind = 'incident';
      row.text = e.data.title;
      row.status = e.data.status ?? 'investigating';
      break;
    }
    case 'incident.updated': {
      const d = e.data;
      const parts: string[] = [];
      if (d.title !== undefined) {
        state.title = d.title;
        parts.push(`title: ${d.title}`);
      }
      if (d.severity !== undefined) {
        state.severity = d.severity;
        parts.push(`severity ${d.severity}`);
      }
      if (d.summary !== undefined) {
        state.summary = d.summary;
        parts.push('summary updated');
      }
      if (d.status !== undefined && d.status !== state.status) {
        state.status = d.status;
        state.statusHistory.push({ status: d.status, at, by: e.actor });
        state.resolvedAt = d.status === 'resolved' ? at : null;
        row.status = d.status;
        parts.unshift(`status ${d.status}`);
      }
      row.entryKind = 'incident';
      row.text = parts.join(', ') || 'no change';
      break;
    }
    case 'role.assigned': {
      if (e.data.person) state.roles[e.data.role] = e.data.person;
      else delete state.roles[e.data.role];
      row.text = e.data.person ? `${e.data.role}: ${e.data.person.name}` : `${e.data.role}: unassigned`;
      break;
    }
    case 'hypothesis.added':
    case 'action.added':
    case 'note.added': {
      if (Object.hasOwn(state.entries, e.id)) break;
      const common = { id: e.id, text: e.data.text, author: e.actor, createdAt: at, updatedAt: at, edited: false, retracted: null };
      let entry: Entry;
      if (e.kind === 'hypothesis.added') {
        entry = { kind: 'hypothesis', ...common, status: 'open', ...(e.data.owner ? { owner: e.data.owner } : {}) };
        state.hypotheses.push(e.id);
      } else if (e.kind === 'action.added') {
        entry = { kind: 'action', ...common, status: 'planned', links: [...e.data.links], ...(e.data.owner ? { owner: e.data.owner } : {}) };
        state.actions.push(e.id);
        row.links = entry.links;
      } else {
        entry = { kind: 'note', ...common };
        state.notes.push(e.id);
      }
      state.entries[e.id] = entry;
      row.entryKind = entry.kind;
      row.text = entry.text;
      if (entry.kind !== 'note') row.status = entry.status;
      rows.set(e.id, row);
      break;
    }
    case 'hypothesis.status':
    case 'action.status': {
      const target = state.entries[e.data.target];
      const wanted = e.kind === 'hypothesis.status' ? 'hypothesis' : 'action';
      row.entryId = e.data.target;
      row.entryKind = wanted;
      row.status = e.data.status;
      if (e.kind === 'hypothesis.status') row.text = e.data.evidence ?? '';
      else row.text = e.data.result ?? '';
      if (target?.kind !== wanted || !isLive(target)) break;
      row.subject = target.text;
      if (target.kind === 'hypothesis' && e.kind === 'hypothesis.status') {
        target.status = e.data.status;
        if (e.data.evidence !== undefined) target.evidence = e.data.evidence;
      } else if (target.kind === 'action' && e.kind === 'action.status') {
        target.status = e.data.status;
        if (e.data.result !== undefined) target.result = e.data.result;
      }
      target.statusBy = e.actor;
      target.statusAt = at;
      target.updatedAt = at;
      const entryRow = rows.get(target.id);
      if (entryRow) entryRow.status = e.data.status;
      break;
    }
    case 'impact.added': {
      if (Object.hasOwn(state.impacts, e.id)) break;
      const d = e.data;
      state.impacts[e.id] = {
        id: e.id,
        customer: d.customer,
        level: d.level,
        contactVerified: d.contactVerified ?? false,
        notifiedAt: d.notifiedAt ?? null,
        acknowledged: d.acknowledged ?? false,
        resolved: d.resolved ?? false,
        addedBy: e.actor,
        addedAt: at,
        updatedAt: at,
        retracted: null,
        ...(d.segment ? { segment: d.segment } : {}),
        ...(d.contact ? { contact: d.contact } : {}),
        ...(d.credit ? { credit: d.credit } : {}),
        ...(d.note ? { note: d.note } : {}),
      };
      state.impactOrder.push(e.id);
      row.entryKind = 'impact';
      row.text = `${d.customer} (${d.level})`;
      rows.set(e.id, row);
      break;
    }
    case 'impact.updated': {
      const { target, ...changes } = e.data;
      row.entryId = target;
      row.entryKind = 'impact';
      const impact = state.impacts[target];
      row.text = describeChanges(changes);
      if (!isLive(impact) || impact === undefined) break;
      row.subject = impact.customer;
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        (impact as unknown as Record<string, unknown>)[key] = value;
      }
      impact.updatedAt = at;
      const entryRow = rows.get(target);
      if (entryRow) entryRow.text = `${impact.customer} (${impact.level})`;
      break;
    }
    case 'entry.edited': {
      const target = state.entries[e.data.target];
      row.entryId = e.data.target;
      row.text = e.data.text ?? 'details changed';
      if (!isLive(target) || target === undefined) break;
      row.entryKind = target.kind;
      row.subject = target.text;
      if (e.data.text !== undefined) target.text = e.data.text;
      if (e.data.owner !== undefined) {
        if (e.data.owner === null) delete target.owner;
        else target.owner = e.data.owner;
      }
      if (e.data.links !== undefined && target.kind === 'action') target.links = [...e.data.links];
      target.edited = true;
      target.updatedAt = at;
      const entryRow = rows.get(target.id);
      if (entryRow) {
        entryRow.text = target.text;
        if (target.kind === 'action') entryRow.links = target.links;
      }
      break;
    }
    case 'entry.retracted': {
      const id = e.data.target;
      row.entryId = id;
      row.text = e.data.reason ?? '';
      const retraction = { by: e.actor, at, ...(e.data.reason ? { reason: e.data.reason } : {}) };
      const target = state.entries[id] ?? state.impacts[id] ?? state.drafts[id];
      if (!isLive(target) || target === undefined) break;
      target.retracted = retraction;
      row.subject = 'text' in target ? target.text : 'customer' in target ? target.customer : target.title;
      row.entryKind = 'kind' in target ? target.kind : 'customer' in target ? 'impact' : 'draft';
      const entryRow = rows.get(id);
      if (entryRow) entryRow.retracted = true;
      break;
    }
    case 'draft.created': {
      row.entryKind = 'draft';
      row.text = e.data.title;
      if (Object.hasOwn(state.drafts, e.id)) break;
      state.drafts[e.id] = {
        id: e.id,
        title: e.data.title,
        audience: e.data.audience,
        channel: e.data.channel,
        ...(e.data.customer ? { customer: e.data.customer } : {}),
        ...(e.data.template ? { template: e.data.template } : {}),
        createdBy: e.actor,
        createdAt: at,
        updatedAt: at,
        updates: [],
        editors: [e.actor.name],
        review: { state: 'editing', by: null, at: null, acknowledged: [] },
        readyBy: null,
        publishedAt: null,
        retracted: null,
      };
      state.draftOrder.push(e.id);
      rows.set(e.id, row);
      break;
    }
    case 'draft.edited': {
      const draft = state.drafts[e.data.target];
      if (!isLive(draft) || draft === undefined) return; // keystrokes stay out of the timeline
      draft.updates.push(e.data.update);
      if (!draft.editors.includes(e.actor.name)) draft.editors.push(e.actor.name);
      draft.updatedAt = at;
      // Editing after review sends the draft back: an approval covers the text that was approved, nothing else.
      if (draft.review.state !== 'editing' && draft.publishedAt === null) {
        draft.review = { state: 'editing', by: e.actor, at, acknowledged: [] };
        draft.readyBy = null;
      }
      return;
    }
    case 'draft.updated': {
      const { target, ...changes } = e.data;
      const draft = state.drafts[target];
      row.entryId = target;
      row.entryKind = 'draft';
      row.text = describeChanges(changes);
      if (!isLive(draft) || draft === undefined) break;
      if (changes.title !== undefined) draft.title = changes.title;
      if (changes.audience !== undefined) draft.audience = changes.audience;
      if (changes.channel !== undefined) draft.channel = changes.channel;
      if (changes.customer === null) delete draft.customer;
      else if (changes.customer !== undefined) draft.customer = changes.customer;
      draft.updatedAt = at;
      break;
    }
    case 'draft.review': {
      const draft = state.drafts[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'draft';
      row.status = e.data.state;
      row.text = e.data.note ?? '';
      if (!isLive(draft) || draft === undefined) break;
      row.subject = draft.title;
      draft.review = {
        state: e.data.state,
        by: e.actor,
        at,
        acknowledged: [...e.data.acknowledged],
        ...(e.data.digest ? { digest: e.data.digest } : {}),
        ...(e.data.note ? { note: e.data.note } : {}),
      };
      draft.readyBy = e.data.state === 'ready' ? e.actor : e.data.state === 'editing' ? null : draft.readyBy;
      draft.updatedAt = at;
      break;
    }
    case 'draft.published': {
      const draft = state.drafts[e.data.target];
      row.entryId = e.data.target;
      row.entryKind = 'draft';
      row.status = 'published';
      row.text = e.data.text;
      if (!isLive(draft) || draft === undefined) break;
      row.subject = draft.title;
      draft.publishedAt = at;
      draft.updatedAt = at;
      state.updates.push({
        id: e.id,
        draftId: draft.id,
        at,
        by: e.actor,
        approvedBy: draft.review.state === 'approved' ? draft.review.by : null,
        text: e.data.text,
        channel: e.data.channel,
        audience: e.data.audience,
        notified: [...e.data.notified],
      });
      for (const impactId of e.data.notified) {
        const impact = state.impacts[impactId];
        if (impact && isLive(impact) && impact.notifiedAt === null) {
          impact.notifiedAt = at;
          impact.updatedAt = at;
        }
      }
      break;
    }
    case 'template.saved': {
      state.templates[e.data.key] = e.data.body;
      row.text = `template "${e.data.key}" saved`;
      break;
    }
    case 'cadence.set': {
      state.cadenceMinutes = e.data.minutes;
      row.text = `customer updates every ${e.data.minutes} min`;
      break;
    }
    case 'update.overdue': {
      if (!state.overdue.some((o) => o.dueAt === e.data.dueAt)) state.overdue.push({ dueAt: e.data.dueAt, at });
      row.text = `customer update overdue (was due ${new Date(e.data.dueAt).toISOString()})`;
      row.status = 'overdue';
      break;
    }
  }
  state.timeline.push(row);
}

function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'notifiedAt' && typeof v === 'number' ? `notified at ${new Date(v).toISOString()}` : `${k}: ${String(v)}`))
    .join(', ');
}
