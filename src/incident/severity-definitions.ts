import type { Severity } from '../model/vocabulary.js';
import type { IncidentState } from '../model/incident-state.js';

/** What each severity means when the team has not written its own (severity.defined events replace them). */
export const DEFAULT_SEVERITY_DEFINITIONS: Record<Severity, string> = {
  SEV1: 'Critical: a core service is down or data is at risk for many customers; all hands, updates every 30 minutes.',
  SEV2: 'Major: a core feature is broken or badly degraded for a significant share of customers.',
  SEV3: 'Minor: a non-core feature is broken or degraded, or a few customers are affected; a workaround exists.',
  SEV4: 'Low: a cosmetic or internal problem with no customer impact.',
};

export const severityDefinition = (state: Pick<IncidentState, 'severityDefinitions'>, severity: Severity): string =>
  state.severityDefinitions[severity] ?? DEFAULT_SEVERITY_DEFINITIONS[severity];
