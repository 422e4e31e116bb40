import type { Actor } from '../model/envelope.js';
import type { IncidentState } from './state.js';

/**
 * Who keeps the incident's own facts (the current status statement, its status, severity, title and summary):
 * the commander and the scribe; while neither role is held, anyone. A rule every peer enforces
 * (src/incident/rules.ts); the window offers the controls only to keepers.
 */
export function mayKeepStatement(state: Pick<IncidentState, 'roles'>, actor: Pick<Actor, 'id' | 'name'> | null): boolean {
  const keepers = [state.roles.commander, state.roles.scribe].filter((p) => p !== undefined);
  if (keepers.length === 0) return true;
  if (!actor) return false;
  return keepers.some((p) => (p.id !== undefined ? p.id === actor.id : p.name === actor.name));
}
