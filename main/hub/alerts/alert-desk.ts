import { createHash } from 'node:crypto';
import { ALERTS_PER_EVENT, type AlertSource } from '../../../src/kinds/alert.js';
import type { EventDataInput } from '../../../src/kinds/index.js';
import { newIncidentId } from '../../../src/model/ids.js';
import type { AlertGroupEntry, AlertGroups } from './alert-groups.js';
import type { AlertGroup, AlertLine } from './alert-payloads.js';
import type { AlertRoute } from './alert-routing.js';
import type { HubWrite, HubWriter } from './hub-writer.js';

/** What the hub did with one notification. */
export interface AlertOutcome {
  action: 'opened' | 'noted' | 'ignored';
  incident: string | null;
  /** Why nothing was written (a resolved group with no open incident). */
  reason?: string;
}

/** How the hub signs in the timeline, per source. */
export const ALERT_AUTHORS: Record<AlertSource, string> = { alertmanager: 'Alertmanager', webhook: 'Alert webhook' };

/** An alert event is kept well under the 256 KiB an event may be: alerts past this go into `more`. */
const ALERT_EVENT_BUDGET = 160 * 1024;

export interface AlertDeskOptions {
  writer: HubWriter;
  groups: AlertGroups;
  /** Tells the team's subscribers (TeamChannel.announce). */
  announce: (entry: AlertGroupEntry) => void;
  now: () => number;
  log: (line: string) => void;
}

/**
 * Turns a routed notification into events: a firing group with no open incident opens one (its opening, the
 * alert, and the impact-started milestone from the alerts' startsAt); any later notification of the same group
 * is one more alert event in that incident, never a second incident. Notifications of one group are handled one
 * at a time, so two that race cannot open two incidents.
 */
export class AlertDesk {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: AlertDeskOptions) {}

  take(group: AlertGroup, route: AlertRoute): Promise<AlertOutcome> {
    const digest = createHash('sha256').update(`${group.source}\n${group.key}`).digest('hex');
    const before = this.queues.get(digest) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => this.handle(digest, group, route));
    this.queues.set(digest, run);
    void run.finally(() => this.queues.get(digest) === run && this.queues.delete(digest)).catch(() => undefined);
    return run;
  }

  private async handle(digest: string, group: AlertGroup, route: AlertRoute): Promise<AlertOutcome> {
    const { writer, groups, now, log } = this.options;
    const author = ALERT_AUTHORS[group.source];
    const alert: HubWrite<'alert.received'> = { kind: 'alert.received', data: alertEventData(digest, group, route) };
    const open = await groups.openIncidentOf(digest);
    if (open) {
      await writer.write(open.incident, author, [alert]);
      log(`alert (${group.source}, ${group.status}) noted in ${open.incident} for team ${open.team}`);
      return { action: 'noted', incident: open.incident };
    }
    if (group.status === 'resolved') return { action: 'ignored', incident: null, reason: 'resolved, and no open incident for this group' };
    const incident = newIncidentId();
    const startsAt = earliest(group.alerts.map((a) => a.startsAt));
    const writes: HubWrite[] = [
      {
        kind: 'incident.opened',
        data: { title: route.title, severity: route.severity, ...(route.summary ? { summary: route.summary } : {}) },
      },
      alert,
    ];
    // When the impact began is what the alert knows best; a start in the future is no start.
    if (startsAt !== undefined && startsAt <= now())
      writes.push({
        kind: 'milestone.set',
        data: { milestone: 'impact-started', at: startsAt, note: `from the alert (${author}: startsAt)` },
      });
    await writer.write(incident, author, writes);
    const entry: AlertGroupEntry = { incident, team: route.team, title: route.title, severity: route.severity, openedAt: now() };
    await groups.remember(digest, entry);
    this.options.announce(entry);
    log(`alert (${group.source}) opened ${incident} for team ${route.team}: ${route.title}`);
    return { action: 'opened', incident };
  }
}

/** The alert event's data: as many alerts as fit (names, summaries, times, links, labels), the rest counted. */
function alertEventData(digest: string, group: AlertGroup, route: AlertRoute): EventDataInput<'alert.received'> {
  const alerts: EventDataInput<'alert.received'>['alerts'] & object = [];
  let bytes = 0;
  for (const a of group.alerts) {
    if (alerts.length >= ALERTS_PER_EVENT) break;
    const line = lineOf(a);
    bytes += JSON.stringify(line).length;
    if (bytes > ALERT_EVENT_BUDGET) break;
    alerts.push(line);
  }
  const resolved = group.status === 'resolved';
  const startsAt = earliest(group.alerts.map((a) => a.startsAt));
  const endsAt = resolved ? latest(group.alerts.map((a) => a.endsAt ?? undefined)) : undefined;
  return {
    source: group.source,
    status: group.status,
    group: digest,
    title: route.title,
    team: route.team,
    alerts,
    ...(group.truncated + group.alerts.length - alerts.length > 0 ? { more: group.truncated + group.alerts.length - alerts.length } : {}),
    ...(startsAt !== undefined ? { startsAt } : {}),
    ...(endsAt !== undefined ? { endsAt } : {}),
    ...(group.url ? { url: group.url } : {}),
  };
}

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

function lineOf(a: AlertLine) {
  const labels = Object.fromEntries(
    Object.entries(a.labels)
      .filter(([k]) => LABEL_NAME.test(k))
      .slice(0, 30)
      .map(([k, v]) => [k, v.slice(0, 500)]),
  );
  const summary = (a.annotations.summary ?? a.annotations.description)?.trim().slice(0, 1_000);
  return {
    status: a.status,
    name: (a.labels.alertname ?? 'alert').trim().slice(0, 200) || 'alert',
    ...(summary ? { summary } : {}),
    ...(a.startsAt !== undefined ? { startsAt: a.startsAt } : {}),
    ...(a.endsAt !== null ? { endsAt: a.endsAt } : {}),
    ...(a.fingerprint ? { fingerprint: a.fingerprint.slice(0, 64) } : {}),
    ...(a.url ? { url: a.url } : {}),
    labels,
  };
}

function earliest(times: ReadonlyArray<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined && t > 0);
  return known.length ? Math.min(...known) : undefined;
}

function latest(times: ReadonlyArray<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined && t > 0);
  return known.length ? Math.max(...known) : undefined;
}
