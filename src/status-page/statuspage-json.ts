import type { PageComponent, PageView } from './page-view.js';
import type { PublicIncident } from './public-incident.js';

// The hub's public status page in Statuspage's public API shape (v2), so the status widgets and bots that read
// a Statuspage page read this one unchanged: the same paths, field names and status words. Pure: view in,
// string out. The field lists follow Statuspage's published API (test/fixtures/statuspage/ has the schema the
// tests check every answer against, with where each part comes from).

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function pageJson(view: PageView) {
  const { id, name, url, updatedAt } = view.page;
  return { id, name, url, time_zone: 'Etc/UTC', updated_at: iso(updatedAt) };
}

function componentJson(view: PageView, c: PageComponent) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: view.page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function incidentJson(view: PageView, i: PublicIncident) {
  const affected = new Set(i.components.map((c) => c.key));
  const components = view.components.filter((c) => affected.has(c.key));
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: isoOrNull(i.monitoringAt),
    resolved_at: isoOrNull(i.resolvedAt),
    impact: i.impact,
    shortlink: `${view.page.url}#${i.id}`,
    started_at: iso(i.createdAt),
    page_id: view.page.id,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: i.id,
      created_at: iso(u.at),
      updated_at: iso(u.at),
      display_at: iso(u.at),
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: components.map((c) => componentJson(view, c)),
  };
}

const unresolvedOf = (view: PageView) => view.incidents.filter((i) => i.status !== 'resolved');

/** Each public JSON document by its path under /api/v2/. */
export const STATUSPAGE_DOCUMENTS = {
  'summary.json': (view: PageView) => ({
    page: pageJson(view),
    components: view.components.map((c) => componentJson(view, c)),
    incidents: unresolvedOf(view).map((i) => incidentJson(view, i)),
    scheduled_maintenances: [],
    status: { indicator: view.indicator, description: view.description },
  }),
  'status.json': (view: PageView) => ({ page: pageJson(view), status: { indicator: view.indicator, description: view.description } }),
  'components.json': (view: PageView) => ({ page: pageJson(view), components: view.components.map((c) => componentJson(view, c)) }),
  'incidents.json': (view: PageView) => ({ page: pageJson(view), incidents: view.incidents.map((i) => incidentJson(view, i)) }),
  'incidents/unresolved.json': (view: PageView) => ({
    page: pageJson(view),
    incidents: unresolvedOf(view).map((i) => incidentJson(view, i)),
  }),
  'scheduled-maintenances.json': (view: PageView) => ({ page: pageJson(view), scheduled_maintenances: [] }),
} as const;

export type StatuspageDocument = keyof typeof STATUSPAGE_DOCUMENTS;
