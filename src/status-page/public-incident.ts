import type { IncidentState } from '../model/incident-state.js';
import type { ComponentStatus, IncidentStatus, Severity } from '../model/vocabulary.js';

/**
 * What the public status page shows of one incident, taken from its folded state (so only what the rules let
 * into the state, in the room's agreed order): nothing unless a keeper made it public; only updates published
 * on the status-page channel (a second person approved each, with that very text); its components.
 * Bounded: at most MAX_UPDATES updates (the newest) and MAX_COMPONENTS components, each text at most
 * LIMITS.text characters, so a page of MAX_INCIDENTS incidents stays a few megabytes at worst.
 */
export interface PublicIncident {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Impact;
  createdAt: number;
  updatedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  /** Newest first, as Statuspage lists them. */
  updates: PublicUpdate[];
  components: PublicComponent[];
}

export interface PublicUpdate {
  id: string;
  status: IncidentStatus;
  body: string;
  at: number;
}

export interface PublicComponent {
  key: string;
  name: string;
  status: ComponentStatus;
  at: number;
}

/** Statuspage's impact words, from the least to the worst. */
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export const MAX_UPDATES = 100;
export const MAX_COMPONENTS = 50;
export const MAX_INCIDENTS = 50;

const IMPACT_OF: Record<Severity, Impact> = { SEV1: 'critical', SEV2: 'major', SEV3: 'minor', SEV4: 'minor' };

/** The incident as the public sees it, or null when it is not public (or not even opened). */
export function publicIncidentOf(state: IncidentState): PublicIncident | null {
  if (!state.isPublic || state.openedBy === null) return null;
  const updates = state.updates
    .filter((u) => u.channel === 'status-page' && u.audience !== 'internal')
    .slice(-MAX_UPDATES)
    .reverse()
    .map((u) => ({ id: u.id, status: u.incidentStatus, body: u.text, at: u.at }));
  const components = state.componentOrder
    .slice(0, MAX_COMPONENTS)
    .map((key) => ({ key, ...state.components[key]! }))
    .map(({ key, name, status, at }) => ({ key, name, status, at }));
  const monitoring = state.statusHistory.filter((s) => s.status === 'monitoring').at(-1);
  const changes = [state.openedAt, ...state.statusHistory.map((s) => s.at), ...updates.map((u) => u.at), ...components.map((c) => c.at)];
  return {
    id: state.id,
    name: state.title,
    status: state.status,
    impact: IMPACT_OF[state.severity],
    createdAt: state.openedAt,
    updatedAt: Math.max(...changes),
    monitoringAt: monitoring && state.status !== 'investigating' && state.status !== 'identified' ? monitoring.at : null,
    resolvedAt: state.status === 'resolved' ? state.resolvedAt : null,
    updates,
    components,
  };
}
