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
    isPublic: false,
    components: {},
    componentOrder: [],
    timeline: [],
    refused: [],
    eventCount: 0,
    provisional: [],
  };
}

/**
 * Folds events into state, in the order given: the room's agreed order (IncidentFolder keeps it). Whatever
 * time an event claims changes nothing about where it is judged. A repeated id is folded once, at its first place.
 */
export function fold(events: Iterable<WarEvent>, incidentId?: string): IncidentState {
  const unique = uniqueEvents(events);
  const state = emptyState(incidentId ?? unique[0]?.incident ?? '');
  const rows = new Map<string, TimelineRow>();
  for (const e of unique) applyEvent(state, e, rows);
  return state;
}

/** The events with each id once, at its first place. */
export function uniqueEvents(events: Iterable<WarEvent>): WarEvent[] {
  const seen = new Set<string>();
  const out: WarEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
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
    unverified: e.sig === undefined ? true : undefined,
  };
  const kind = kindEntry(e.kind);
  kind.fold(state, e, row, rows);
  if (kind.timeline !== null) state.timeline.push(row);
}
