import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '../../src/model/vocabulary.js';
import { changeStatus } from './ask-for-statement.js';
import { useWarRoom } from '../state/store.js';

export function SeverityControl({ severity }: { severity: Severity }) {
  return (
    <label className={`pill-select severity-${severity.toLowerCase()}`}>
      <span className="visually-hidden">Severity</span>
      <select value={severity} onChange={(e) => useWarRoom.getState().openDialog('severity', e.target.value as Severity)}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusControl({ status }: { status: IncidentStatus }) {
  return (
    <label className={`pill-select status-pill status-${status}`}>
      <span className="visually-hidden">Incident status</span>
      <select value={status} onChange={(e) => changeStatus(e.target.value as IncidentStatus)}>
        {INCIDENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
