import type { ComponentStatus } from '../model/vocabulary.js';
import { IMPACTS, MAX_INCIDENTS, type Impact, type PublicIncident } from './public-incident.js';

/** The whole public page: the hub's public incidents put together, with the components and the overall status. */
export interface PageView {
  page: { id: string; name: string; url: string; updatedAt: number };
  /** Statuspage's overall indicator and its words ("All Systems Operational"). */
  indicator: Impact;
  description: string;
  components: PageComponent[];
  /** Unresolved first (newest change first), then resolved (newest first); at most MAX_INCIDENTS. */
  incidents: PublicIncident[];
}

export interface PageComponent {
  /** The component's key (src/kinds/status-page.ts componentKey). */
  key: string;
  id: string;
  name: string;
  status: ComponentStatus;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface PageSettings {
  /** A stable id for the page (Statuspage's `page.id`). */
  id: string;
  name: string;
  /** The page's public address (the HTML page). */
  url: string;
}

/** How bad each component status is, for "the worst of them" and for the overall indicator. */
const COMPONENT_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};
const COMPONENT_IMPACT: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Statuspage's words for each indicator. */
export const INDICATOR_WORDS: Record<Impact, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
};

/**
 * Puts the public incidents together. A component's status is the worst any unresolved public incident gives
 * it; once every incident naming it is resolved it is operational again. The overall indicator is the worst of
 * the unresolved incidents' impacts and the components'.
 */
export function pageView(settings: PageSettings, all: readonly PublicIncident[]): PageView {
  const unresolved = all.filter((i) => i.status !== 'resolved').sort((a, b) => b.updatedAt - a.updatedAt);
  const resolved = all.filter((i) => i.status === 'resolved').sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0));
  const incidents = [...unresolved, ...resolved].slice(0, MAX_INCIDENTS);
  const components = pageComponents(incidents);
  let worst = 0;
  for (const i of unresolved) worst = Math.max(worst, IMPACTS.indexOf(i.impact));
  for (const c of components) worst = Math.max(worst, IMPACTS.indexOf(COMPONENT_IMPACT[c.status]));
  const indicator = IMPACTS[worst]!;
  const updatedAt = Math.max(0, ...incidents.map((i) => i.updatedAt));
  return {
    page: { id: settings.id, name: settings.name, url: settings.url, updatedAt },
    indicator,
    description: INDICATOR_WORDS[indicator],
    components,
    incidents,
  };
}

function pageComponents(incidents: readonly PublicIncident[]): PageComponent[] {
  const byKey = new Map<string, PageComponent>();
  // Oldest incident first, so components keep the place they were first named in.
  for (const incident of [...incidents].sort((a, b) => a.createdAt - b.createdAt)) {
    for (const c of incident.components) {
      let pc = byKey.get(c.key);
      if (!pc) {
        pc = {
          key: c.key,
          id: componentId(c.key),
          name: c.name,
          status: 'operational',
          position: byKey.size + 1,
          createdAt: c.at,
          updatedAt: c.at,
        };
        byKey.set(c.key, pc);
      }
      const changedAt = incident.status === 'resolved' ? (incident.resolvedAt ?? c.at) : c.at;
      pc.updatedAt = Math.max(pc.updatedAt, changedAt);
      pc.createdAt = Math.min(pc.createdAt, c.at);
      if (incident.status !== 'resolved' && COMPONENT_RANK[c.status] > COMPONENT_RANK[pc.status]) pc.status = c.status;
    }
  }
  return [...byKey.values()];
}

/** A stable 12-character id for a component key (FNV-1a, two rounds, base 36): the same name, the same id. */
export function componentId(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return (a.toString(36).padStart(6, '0') + b.toString(36).padStart(6, '0')).slice(0, 12);
}
