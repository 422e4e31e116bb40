import { z } from 'zod';
import { isTrackerUrl } from '../model/postmortem-vocabulary.js';
import { LIMITS } from '../model/vocabulary.js';
import type { IncidentAlert } from '../model/incident-state.js';
import { defineKind, noCheck } from './define.js';
import { epochMs, name, title } from './fields.js';

/** Where an alert came from: Prometheus Alertmanager's webhook, or the generic JSON one. */
export const ALERT_SOURCES = ['alertmanager', 'webhook'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_STATUSES = ['firing', 'resolved'] as const;

/** How many alerts of a group one event lists; the rest are counted (`more`). */
export const ALERTS_PER_EVENT = 50;

const link = z.string().trim().max(2000).refine(isTrackerUrl, 'must be an http or https link');
const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'is not a label name');
const labels = z
  .record(labelName, z.string().max(500))
  .refine((l) => Object.keys(l).length <= 30, 'at most 30 labels per alert')
  .default({});

/** One alert of a group, as much of it as a person reads in the timeline. */
const alertLine = z.strictObject({
  status: z.enum(ALERT_STATUSES),
  name: z.string().trim().min(1).max(LIMITS.title),
  summary: z.string().trim().max(1_000).optional(),
  startsAt: epochMs.optional(),
  endsAt: epochMs.nullable().optional(),
  fingerprint: z.string().max(64).optional(),
  url: link.optional(),
  labels,
});

/**
 * What the monitoring said, written into the room by the hub under its own key (main/hub/alerts/): a group of
 * alerts firing or resolved. Only the incident's opener may write it (src/kinds/rules.ts): alerts go only
 * into incidents an alert opened, which the hub opened, so a teammate cannot forge "the alert resolved".
 */
export const alertKinds = {
  'alert.received': defineKind({
    schema: z.strictObject({
      source: z.enum(ALERT_SOURCES),
      status: z.enum(ALERT_STATUSES),
      /** SHA-256 (hex) of the group's key: the same group always lands in the same open incident. */
      group: z.string().regex(/^[0-9a-f]{16,64}$/, 'is not a group digest'),
      title,
      team: name.optional(),
      alerts: z.array(alertLine).max(ALERTS_PER_EVENT),
      /** Alerts of the group left out of `alerts` (Alertmanager's truncatedAlerts, and past ALERTS_PER_EVENT). */
      more: z.int().min(0).max(1_000_000).optional(),
      startsAt: epochMs.optional(),
      endsAt: epochMs.nullable().optional(),
      /** Where the alert can be seen (Alertmanager's externalURL, the sender's link). */
      url: link.optional(),
    }),
    check: noCheck,
    fold(state, e, row) {
      const d = e.data;
      const count = d.alerts.length + (d.more ?? 0);
      const alert: IncidentAlert = (state.alert ??= {
        source: d.source,
        group: d.group,
        status: d.status,
        title: d.title,
        count,
        firingSince: null,
        resolvedAt: null,
        lastAt: e.at.ms,
        received: 0,
      });
      alert.status = d.status;
      alert.title = d.title;
      alert.count = count;
      alert.lastAt = e.at.ms;
      alert.received++;
      if (d.url !== undefined) alert.url = d.url;
      if (d.status === 'firing') {
        alert.firingSince ??= d.startsAt ?? e.at.ms;
        alert.resolvedAt = null;
      } else alert.resolvedAt = d.endsAt ?? e.at.ms;
      row.entryKind = 'incident';
      row.status = d.status;
      row.text = describeAlert(d.status, d.title, d.alerts, count);
    },
    label: 'Alert from monitoring',
    timeline: { label: 'Alert' },
  }),
};

/** "Firing: Checkout errors — 3 alerts: HighErrorRate (checkout), …" */
function describeAlert(status: string, heading: string, alerts: ReadonlyArray<{ name: string; summary?: string }>, count: number): string {
  const word = status === 'firing' ? 'Firing' : 'Resolved';
  const names = [...new Set(alerts.map((a) => (a.summary ? `${a.name} (${a.summary})` : a.name)))];
  const listed = names.slice(0, 3).join('; ') + (names.length > 3 ? '; …' : '');
  return `${word}: ${heading}${count > 0 ? ` — ${count} alert${count === 1 ? '' : 's'}${listed ? `: ${listed}` : ''}` : ''}`;
}
