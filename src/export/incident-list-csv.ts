import type { IncidentMetrics } from '../incident/incident-metrics.js';
import { csvCell } from './csv-writer.js';

export const INCIDENT_LIST_CSV_COLUMNS = [
  'id',
  'title',
  'severity',
  'status',
  'opened',
  'month',
  'time_to_detect_min',
  'time_to_acknowledge_min',
  'time_to_mitigate_min',
  'time_to_resolve_min',
  'updates_published',
  'updates_on_time',
] as const;

const minutes = (ms: number | null | undefined): string => (typeof ms === 'number' ? (ms / 60_000).toFixed(1) : '');

/** The incident list with its numbers, one row per incident (minutes, so a spreadsheet can chart them). */
export function writeIncidentListCsv(
  items: readonly { id: string; title: string; severity: string; status: string; openedAt: number; metrics?: IncidentMetrics }[],
): string {
  const lines: string[] = [INCIDENT_LIST_CSV_COLUMNS.join(',')];
  for (const i of items) {
    const d = i.metrics?.durations;
    const opened = new Date(i.openedAt).toISOString();
    const cells = [
      i.id,
      i.title,
      i.severity,
      i.status,
      opened,
      opened.slice(0, 7),
      minutes(d?.['time-to-detect']),
      minutes(d?.['time-to-acknowledge']),
      minutes(d?.['time-to-mitigate']),
      minutes(d?.['time-to-resolve']),
      String(i.metrics?.updatesPublished ?? ''),
      String(i.metrics?.updatesOnTime ?? ''),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
