import type { IncidentMetrics } from '../../src/incident/incident-metrics.js';
import { formatDuration } from '../../src/export/time-zone.js';

/** " · detected in 5 min · resolved in 2 h 05 min" on an incident's line in the list, for what is known. */
export function IncidentDurations({ metrics }: { metrics: IncidentMetrics | undefined }) {
  if (!metrics) return null;
  const { 'time-to-detect': ttd, 'time-to-resolve': ttr } = metrics.durations;
  return (
    <span className="incident-durations">
      {ttd !== null ? ` · detected in ${formatDuration(ttd)}` : ''}
      {ttr !== null ? ` · resolved in ${formatDuration(ttr)}` : ''}
    </span>
  );
}
