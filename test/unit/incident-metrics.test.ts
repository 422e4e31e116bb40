import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { INCIDENT_LIST_CSV_COLUMNS, writeIncidentListCsv } from '../../src/export/incident-list-csv.js';
import { fold } from '../../src/incident/fold.js';
import { incidentMetrics, monthlyTrend } from '../../src/incident/incident-metrics.js';
import { outageStory, reviewedOutage } from '../helpers/outage-story.js';

const minutes = (n: number) => n * 60_000;

describe('the numbers across incidents', () => {
  it('per incident: the four durations and updates on time (a missed promise makes one update late)', () => {
    const m = incidentMetrics(fold(reviewedOutage().events));
    expect(m).toEqual({
      durations: {
        'time-to-detect': minutes(5),
        'time-to-acknowledge': minutes(2),
        'time-to-mitigate': minutes(70),
        'time-to-resolve': minutes(125),
      },
      updatesPublished: 4,
      updatesOnTime: 4,
    });
    // Without milestones: detection is the opening, resolution the status change, and resolution counts from detection.
    expect(incidentMetrics(fold(outageStory())).durations).toEqual({
      'time-to-detect': null,
      'time-to-acknowledge': null,
      'time-to-mitigate': null,
      'time-to-resolve': minutes(118),
    });
  });

  it('per month: median time to resolve and the share of updates on time', () => {
    const at = (month: number) => Date.UTC(2026, month, 3);
    const item = (month: number, ttr: number | null, published: number, onTime: number) => ({
      openedAt: at(month),
      metrics: {
        durations: { 'time-to-detect': null, 'time-to-acknowledge': null, 'time-to-mitigate': null, 'time-to-resolve': ttr },
        updatesPublished: published,
        updatesOnTime: onTime,
      },
    });
    expect(
      monthlyTrend([
        item(10, minutes(90), 4, 3),
        item(9, minutes(30), 2, 2),
        item(10, minutes(30), 0, 0),
        item(10, null, 4, 4),
        item(9, minutes(50), 0, 0),
      ]),
    ).toEqual([
      { month: '2026-10', incidents: 2, medianTimeToResolveMs: minutes(40), updatesOnTime: 1 },
      { month: '2026-11', incidents: 3, medianTimeToResolveMs: minutes(60), updatesOnTime: 7 / 8 },
    ]);
    expect(monthlyTrend([{ openedAt: at(1) }])).toEqual([
      { month: '2026-02', incidents: 1, medianTimeToResolveMs: null, updatesOnTime: null },
    ]);
  });

  it('exports the list as CSV in minutes, one row per incident, formulas neutralised', () => {
    const state = fold(reviewedOutage().events);
    const csv = writeIncidentListCsv([
      {
        id: state.id,
        title: state.title,
        severity: state.severity,
        status: state.status,
        openedAt: state.openedAt,
        metrics: incidentMetrics(state),
      },
      { id: 'inc_other00001', title: '=cmd|calc', severity: 'SEV3', status: 'investigating', openedAt: state.openedAt },
    ]);
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }).data;
    expect(rows[0]).toEqual([...INCIDENT_LIST_CSV_COLUMNS]);
    expect(rows[1]).toEqual([
      'inc_outage0001',
      'Checkout failing for EU customers',
      'SEV2',
      'resolved',
      '2026-11-22T14:02:00.000Z',
      '2026-11',
      '5.0',
      '2.0',
      '70.0',
      '125.0',
      '4',
      '4',
    ]);
    expect(rows[2]!.slice(0, 2)).toEqual(['inc_other00001', "'=cmd|calc"]);
  });
});
