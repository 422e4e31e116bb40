import type { Actor } from '../model/envelope.js';
import type { IncidentState } from './state.js';

/**
 * Who keeps the current status statement: the commander and the scribe; while neither role is held, anyone.
 * The fold applies it to every status.statement (so every peer, the hub's copy and the CLI agree), and the
 * window offers the editor only to keepers.
 */
export function mayKeepStatement(state: Pick<IncidentState, 'roles'>, actor: Pick<Actor, 'id' | 'name'> | null): boolean {
  const keepers = [state.roles.commander, state.roles.scribe].filter((p) => p !== undefined);
  if (keepers.length === 0) return true;
  if (!actor) return false;
  return keepers.some((p) => (p.id !== undefined ? p.id === actor.id : p.name === actor.name));
}
