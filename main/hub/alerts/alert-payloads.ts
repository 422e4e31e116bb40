import { z } from 'zod';
import { fail, ok, describeZodIssues, type Result } from '../../../src/model/result.js';
import { isTrackerUrl } from '../../../src/model/postmortem-vocabulary.js';
import type { AlertSource } from '../../../src/kinds/alert.js';

/** One alert, as the hub maps and writes it (the timeline shows a few fields of it). */
export interface AlertLine {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number | undefined;
  endsAt: number | null;
  url: string | undefined;
  fingerprint: string | undefined;
}

/** A group of alerts from either source, in one shape: what the rules map and the hub writes. */
export interface AlertGroup {
  source: AlertSource;
  status: 'firing' | 'resolved';
  /** Identifies the group across notifications: Alertmanager's groupKey, the generic webhook's `key`. */
  key: string;
  /** What every alert of the group shares (Alertmanager: commonLabels, then groupLabels). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alerts: AlertLine[];
  /** Alerts the sender left out. */
  truncated: number;
  url: string | undefined;
  /** A title the sender gave (generic webhook), used when no rule makes one. */
  title: string | undefined;
}

const labelMap = z.record(z.string().max(200), z.string().max(2_000)).default({});
/** RFC 3339 as Alertmanager sends it; its zero time ("0001-01-01T00:00:00Z") means "not set". */
const rfc3339 = z.string().max(64);
const MAX_ALERTS = 1_000;

/** Prometheus Alertmanager's webhook payload, version 4 (the fields it documents; unknown ones are ignored). */
const alertmanagerSchema = z.object({
  version: z.literal('4', { error: 'version must be "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1).max(4_000),
  truncatedAlerts: z.int().min(0).max(1_000_000).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(500),
  groupLabels: labelMap,
  commonLabels: labelMap,
  commonAnnotations: labelMap,
  externalURL: z.string().max(2_000).default(''),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: labelMap,
        annotations: labelMap,
        startsAt: rfc3339,
        endsAt: rfc3339.default(''),
        generatorURL: z.string().max(2_000).default(''),
        fingerprint: z.string().max(64).default(''),
      }),
    )
    .min(1, 'a notification holds at least one alert')
    .max(MAX_ALERTS),
});

/**
 * The generic JSON webhook, for anything that is not Alertmanager (a script, another monitor): one alert per
 * request, its group named by `key`.
 */
const genericSchema = z.strictObject({
  status: z.enum(['firing', 'resolved']),
  key: z.string().trim().min(1).max(500),
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().trim().max(1_000).optional(),
  labels: labelMap,
  startsAt: z.union([rfc3339, z.int().min(0).max(8.64e15)]).optional(),
  endsAt: z.union([rfc3339, z.int().min(0).max(8.64e15)]).optional(),
  url: z.string().max(2_000).optional(),
});

/** Reads a body as one source's payload, or says what is wrong with it. */
export function parseAlertPayload(source: AlertSource, body: unknown): Result<AlertGroup> {
  return source === 'alertmanager' ? parseAlertmanager(body) : parseGeneric(body);
}

function parseAlertmanager(body: unknown): Result<AlertGroup> {
  const p = alertmanagerSchema.safeParse(body);
  if (!p.success) return fail(`not an Alertmanager webhook payload (version 4): ${describeZodIssues(p.error.issues)}`);
  const alerts: AlertLine[] = [];
  for (const [i, a] of p.data.alerts.entries()) {
    const startsAt = timeOf(a.startsAt);
    if (startsAt === 'bad') return fail(`not an Alertmanager webhook payload (version 4): alerts.${i}.startsAt: not an RFC 3339 time`);
    const endsAt = timeOf(a.endsAt);
    if (endsAt === 'bad') return fail(`not an Alertmanager webhook payload (version 4): alerts.${i}.endsAt: not an RFC 3339 time`);
    alerts.push({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt,
      // Alertmanager sends a firing alert's expected end too: only a resolved alert has really ended.
      endsAt: a.status === 'resolved' ? (endsAt ?? null) : null,
      url: safeLink(a.generatorURL),
      fingerprint: a.fingerprint || undefined,
    });
  }
  return ok({
    source: 'alertmanager',
    status: p.data.status,
    key: p.data.groupKey,
    labels: { ...p.data.commonLabels, ...p.data.groupLabels },
    annotations: p.data.commonAnnotations,
    alerts,
    truncated: p.data.truncatedAlerts,
    url: safeLink(p.data.externalURL),
    title: undefined,
  });
}

function parseGeneric(body: unknown): Result<AlertGroup> {
  const p = genericSchema.safeParse(body);
  if (!p.success)
    return fail(
      `not a War Room alert webhook payload ({status, key, title?, summary?, labels?, startsAt?, endsAt?, url?}): ${describeZodIssues(p.error.issues)}`,
    );
  const d = p.data;
  const startsAt = d.startsAt === undefined ? undefined : timeOf(d.startsAt);
  const endsAt = d.endsAt === undefined ? undefined : timeOf(d.endsAt);
  if (startsAt === 'bad' || endsAt === 'bad') return fail('startsAt and endsAt are RFC 3339 times or epoch milliseconds');
  const annotations: Record<string, string> = d.summary ? { summary: d.summary } : {};
  return ok({
    source: 'webhook',
    status: d.status,
    key: d.key,
    labels: d.labels,
    annotations,
    alerts: [
      {
        status: d.status,
        labels: { alertname: d.labels.alertname ?? d.title ?? d.key, ...d.labels },
        annotations,
        startsAt,
        endsAt: d.status === 'resolved' ? (endsAt ?? null) : null,
        url: safeLink(d.url),
        fingerprint: undefined,
      },
    ],
    truncated: 0,
    url: safeLink(d.url),
    title: d.title,
  });
}

/** Epoch ms of an RFC 3339 time (or epoch ms); undefined for empty or Go's zero time; 'bad' when unreadable. */
function timeOf(value: string | number): number | undefined | 'bad' {
  if (typeof value === 'number') return value;
  if (value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return 'bad';
  return ms <= 0 ? undefined : ms;
}

/** Links shown to people are http or https only; anything else is dropped, not refused. */
function safeLink(url: string | undefined): string | undefined {
  return url && isTrackerUrl(url) ? url : undefined;
}
