import { compareEvents } from '../model/envelope.js';
import type { WarEvent } from '../kinds/event.js';
import { kindEntry } from '../kinds/index.js';
import { gate, RULED_KINDS } from '../kinds/rules.js';
import { rulesViewOf } from '../kinds/rules-view.js';
import type { IncidentState, TimelineRow } from '../model/incident-state.js';

const FOLDING = { road: 'fold' } as const;

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
    statementHistory: [],
    keyEvents: {},
    severityDefinitions: {},
    timeline: [],
    refused: [],
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

/**
 * Applies one event, mutating state, through its kind's fold step (src/kinds/). `rows` indexes the timeline rows
 * by entry id so edits, status changes and retractions can refresh the row that shows the entry. Events naming
 * a target that does not exist (yet) are kept in the timeline but change nothing, so a forged or early
 * reference cannot corrupt state.
 */
export function applyEvent(state: IncidentState, e: WarEvent, rows: Map<string, TimelineRow>): void {
  const at = e.at.ms;
  state.eventCount++;
  // The gate every road passes (src/kinds/rules.ts): an event that breaks a rule is kept out of the state,
  // judged against the state folded so far, so every peer keeps out the same events.
  if (RULED_KINDS.has(e.kind) || (state.openedBy !== null && at < state.openedAt)) {
    const refusal = gate(rulesViewOf(state), e, FOLDING);
    if (refusal !== null) {
      state.refused.push({ id: e.id, at, actor: e.actor, kind: e.kind, code: refusal.code, reason: refusal.reason });
      return;
    }
  }
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
  const kind = kindEntry(e.kind);
  kind.fold(state, e, row, rows);
  if (kind.timeline !== null) state.timeline.push(row);
}
