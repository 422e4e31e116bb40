import './incident-trend.css';
import { useState } from 'react';
import type { IncidentListEntry } from '../../src/ipc/contract.js';
import { monthlyTrend } from '../../src/incident/incident-metrics.js';
import { writeIncidentListCsv } from '../../src/export/incident-list-csv.js';
import { formatDuration } from '../../src/export/time-zone.js';
import { copyText } from '../state/actions.js';

/** Across incidents, per month: median time to resolve and the share of customer updates sent on time. */
export function IncidentTrend({ incidents }: { incidents: IncidentListEntry[] }) {
  const [copied, setCopied] = useState(false);
  const trend = monthlyTrend(incidents);
  if (incidents.length === 0) return null;
  const longest = Math.max(1, ...trend.map((m) => m.medianTimeToResolveMs ?? 0));
  return (
    <section className="incident-trend" aria-labelledby="trend-title">
      <h2 id="trend-title" className="section-title">
        Trend
      </h2>
      <table className="trend-table">
        <caption className="visually-hidden">Per month: incidents, median time to resolve, customer updates on time</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Incidents</th>
            <th scope="col">Time to resolve (median)</th>
            <th scope="col">Updates on time</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">{m.month}</th>
              <td>{m.incidents}</td>
              <td>
                <span
                  className="trend-bar"
                  aria-hidden="true"
                  style={{ inlineSize: `${Math.round(((m.medianTimeToResolveMs ?? 0) / longest) * 8)}em` }}
                />
                {m.medianTimeToResolveMs === null ? '—' : formatDuration(m.medianTimeToResolveMs)}
              </td>
              <td>{m.updatesOnTime === null ? '—' : `${Math.round(m.updatesOnTime * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small"
        onClick={() => void copyText(writeIncidentListCsv(incidents)).then((ok) => setCopied(ok))}
        aria-describedby="trend-csv-note"
      >
        {copied ? 'Copied CSV' : 'Copy incidents as CSV'}
      </button>
      <span id="trend-csv-note" className="muted">
        {' '}
        one row per incident with its durations; also <code>warroom list --csv</code>
      </span>
    </section>
  );
}
