import type { Hypothesis, IncidentState } from '../model/incident-state.js';
import type { IncidentStatus } from '../model/vocabulary.js';
import { impactSpan } from './milestones.js';

/** Default minutes between customer updates per status, when the team has not set its own cadence. */
export const DEFAULT_CADENCE_MINUTES: Record<IncidentStatus, number | null> = {
  investigating: 30,
  identified: 30,
  monitoring: 60,
  resolved: null,
};

export interface IncidentSummary {
  id: string;
  title: string;
  severity: IncidentState['severity'];
  status: IncidentState['status'];
  startedAt: number;
  durationMs: number;
  /** The likeliest explanation so far, an open one included (what a customer update's draft starts from). */
  leadingHypothesis: Pick<Hypothesis, 'id' | 'text' | 'status'> | null;
  /** The leading hypothesis as the header and the catch-up view name it: see theLead. */
  lead: Pick<Hypothesis, 'id' | 'text' | 'status'> | null;
  /** Live hypotheses nobody has started on yet, in the order they were raised. */
  openHypotheses: Pick<Hypothesis, 'id' | 'text' | 'status'>[];
  hypothesesOpen: number;
  actionsRunning: number;
  customersAffected: number;
  customersNotified: number;
  lastUpdateAt: number | null;
  /** When the next customer update is promised; null when resolved (no cadence). */
  nextUpdateDueAt: number | null;
  roles: IncidentState['roles'];
}

/**
 * The one-minute catch-up for whoever joins the bridge. The leading hypothesis is the confirmed one if any;
 * else the one under investigation with the most live actions testing it (latest activity breaks ties).
 */
export function summarize(state: IncidentState, now: number): IncidentSummary {
  const live = <T extends { retracted: unknown }>(x: T | undefined): x is T => x !== undefined && x.retracted === null;
  const hypotheses = state.hypotheses.map((id) => state.entries[id]).filter(live) as Hypothesis[];
  const actions = state.actions.map((id) => state.entries[id]).filter(live);
  const actionCount = new Map<string, number>();
  for (const a of actions) if (a.kind === 'action') for (const l of a.links) actionCount.set(l, (actionCount.get(l) ?? 0) + 1);
  const rank = (h: Hypothesis): number[] => [
    h.status === 'confirmed' ? 3 : h.status === 'investigating' ? 2 : h.status === 'open' ? 1 : 0,
    actionCount.get(h.id) ?? 0,
    h.updatedAt,
  ];
  let leading: Hypothesis | null = null;
  for (const h of hypotheses) {
    if (h.status === 'ruled-out') continue;
    if (leading === null || compareRanks(rank(h), rank(leading)) > 0) leading = h;
  }
  const impacts = state.impactOrder.map((id) => state.impacts[id]).filter(live);
  const lastUpdateAt = state.updates.length ? state.updates[state.updates.length - 1]!.at : null;
  return {
    id: state.id,
    title: state.title,
    severity: state.severity,
    status: state.status,
    startedAt: state.openedAt,
    // The one duration model: impact started -> resolved (milestones.ts), as the postmortem measures it.
    durationMs: impactSpan(state, now).ms,
    leadingHypothesis: leading ? { id: leading.id, text: leading.text, status: leading.status } : null,
    lead: theLead(state, hypotheses),
    openHypotheses: hypotheses.filter((h) => h.status === 'open').map((h) => ({ id: h.id, text: h.text, status: h.status })),
    hypothesesOpen: hypotheses.filter((h) => h.status === 'open' || h.status === 'investigating').length,
    actionsRunning: actions.filter((a) => a.kind === 'action' && a.status === 'running').length,
    customersAffected: impacts.length,
    customersNotified: impacts.filter((i) => i.notifiedAt !== null).length,
    lastUpdateAt,
    nextUpdateDueAt: nextUpdateDue(state),
    roles: state.roles,
  };
}

/** The next customer update is due one cadence after the last one published (or after the incident opened). */
export function nextUpdateDue(state: IncidentState): number | null {
  const minutes = state.status === 'resolved' ? null : (state.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES[state.status]);
  if (minutes === null) return null;
  const since = state.updates.length ? state.updates[state.updates.length - 1]!.at : state.openedAt;
  return since + minutes * 60_000;
}

/**
 * "The lead" as the header and the catch-up name it: the hypothesis most recently confirmed or put under
 * investigation (fold order) since the severity last changed or the incident went back to investigating, so
 * a SEV1 raised for a new cause does not show the old cause as the lead. An open hypothesis is a guess: shown
 * as "the lead" it would read as a conclusion.
 */
function theLead(state: IncidentState, hypotheses: Hypothesis[]): IncidentSummary['lead'] {
  const since = state.leadResetAt ?? 0;
  let lead: Hypothesis | null = null;
  for (const h of hypotheses) {
    if (h.status !== 'confirmed' && h.status !== 'investigating') continue;
    if ((h.statusOrder ?? 0) <= since) continue;
    if (lead === null || (h.statusOrder ?? 0) > (lead.statusOrder ?? 0)) lead = h;
  }
  return lead ? { id: lead.id, text: lead.text, status: lead.status } : null;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
