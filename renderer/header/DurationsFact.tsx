import type { IncidentState } from '../../src/model/incident-state.js';
import { incidentDurations } from '../../src/incident/milestones.js';
import { formatDuration } from '../../src/export/time-zone.js';

const SHORT: Record<string, string> = {
  'time-to-detect': 'detect',
  'time-to-acknowledge': 'acknowledge',
  'time-to-mitigate': 'mitigate',
  'time-to-resolve': 'resolve',
};

/** The summary header's line of durations (time to detect, acknowledge, mitigate, resolve) once any is known. */
export function DurationsFact({ state }: { state: IncidentState }) {
  const durations = incidentDurations(state);
  if (durations.every((d) => d.ms === null)) return null;
  return (
    <div className="fact" data-testid="durations-fact">
      <dt>Time to</dt>
      <dd>
        {durations.map((d, i) => (
          <span key={d.key} data-duration={d.key} title={d.label}>
            {i > 0 ? ' · ' : ''}
            {SHORT[d.key]} <strong>{d.ms === null ? '—' : formatDuration(d.ms)}</strong>
          </span>
        ))}
      </dd>
    </div>
  );
}
