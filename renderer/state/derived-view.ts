import type { IncidentState } from '../../src/model/incident-state.js';
import type { WarRoomStore } from './store.js';

/**
 * A module-level selector for what one view shows, derived from the folded state. The fold mutates rows and
 * entries in place and hands out a new top-level state per change, so a view that read the state would
 * re-render on every event. This builds the view's own plain data once per folded state and keeps the
 * previous answer (the same object) while `same` says nothing it shows changed: zustand then skips the render.
 */
export function derivedView<V>(build: (state: IncidentState) => V, same: (a: V, b: V) => boolean): (s: WarRoomStore) => V | null {
  let lastState: IncidentState | null = null;
  let lastView: V | null = null;
  return (s) => {
    const state = s.incidentState;
    if (state === null) return (lastState = lastView = null);
    if (state === lastState) return lastView;
    const next = build(state);
    lastState = state;
    if (lastView === null || !same(lastView, next)) lastView = next;
    return lastView;
  };
}

/** Deep equality for the plain data views are made of (objects, arrays, primitives; no Maps or cycles). */
export function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && samePlain(ra[k], rb[k]));
}
