import { incidentDurations, type DurationKey } from './milestones.js';
import type { IncidentState } from '../model/incident-state.js';

/** The numbers incident teams track, per incident: the four durations and how customer updates kept their promise. */
export interface IncidentMetrics {
  durations: Record<DurationKey, number | null>;
  updatesPublished: number;
  /** Updates published when promised: each missed promise (an update.overdue record) makes one update late. */
  updatesOnTime: number;
}

export function incidentMetrics(state: IncidentState): IncidentMetrics {
  const durations = Object.fromEntries(incidentDurations(state).map((d) => [d.key, d.ms])) as Record<DurationKey, number | null>;
  const published = state.updates.length;
  return { durations, updatesPublished: published, updatesOnTime: Math.max(0, published - state.overdue.length) };
}

export interface MonthTrend {
  /** "2026-11" (UTC). */
  month: string;
  incidents: number;
  /** Median time to resolve of the month's resolved incidents; null when none has one. */
  medianTimeToResolveMs: number | null;
  /** Share of the month's customer updates sent on time, 0..1; null when none was sent. */
  updatesOnTime: number | null;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Per month (by when each incident opened), oldest first: the small trend the incident list shows. */
export function monthlyTrend(items: readonly { openedAt: number; metrics?: IncidentMetrics }[]): MonthTrend[] {
  const months = new Map<string, { openedAt: number; metrics?: IncidentMetrics }[]>();
  for (const i of items) {
    const month = new Date(i.openedAt).toISOString().slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), i]);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => {
      const ttr = list.map((i) => i.metrics?.durations['time-to-resolve']).filter((x): x is number => typeof x === 'number');
      const published = list.reduce((n, i) => n + (i.metrics?.updatesPublished ?? 0), 0);
      const onTime = list.reduce((n, i) => n + (i.metrics?.updatesOnTime ?? 0), 0);
      return { month, incidents: list.length, medianTimeToResolveMs: median(ttr), updatesOnTime: published ? onTime / published : null };
    });
}
