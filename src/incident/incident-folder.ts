import { compareEvents, type WarEvent } from '../model/envelope.js';
import { applyEvent, emptyState, sortUnique } from './fold.js';
import type { IncidentState, TimelineRow } from './state.js';

/**
 * Keeps an incident's events and folded state up to date as events arrive. Events that sort after everything
 * seen (the normal, live case) are applied in place; an event from the past (a peer catching up) triggers one
 * refold of the whole set, which gives the same state `fold()` would.
 */
export class IncidentFolder {
  private sorted: WarEvent[] = [];
  private readonly ids = new Set<string>();
  private rows = new Map<string, TimelineRow>();
  private current: IncidentState;

  constructor(readonly incidentId: string, initial: Iterable<WarEvent> = []) {
    this.current = emptyState(incidentId);
    this.add([...initial]);
  }

  get state(): IncidentState {
    return this.current;
  }

  get events(): readonly WarEvent[] {
    return this.sorted;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds events (duplicates ignored) and returns the ones that were new. */
  add(batch: readonly WarEvent[]): WarEvent[] {
    const ours = batch.every((e) => e.incident === this.incidentId) ? batch : batch.filter((e) => e.incident === this.incidentId);
    // Opening an incident adds its whole log at once: skip the per-event membership checks then.
    const fresh = sortUnique(this.ids.size === 0 ? ours : ours.filter((e) => !this.ids.has(e.id)));
    if (fresh.length === 0) return fresh;
    for (const e of fresh) this.ids.add(e.id);
    const last = this.sorted[this.sorted.length - 1];
    if (last === undefined) {
      this.sorted = fresh.slice();
      for (const e of fresh) applyEvent(this.current, e, this.rows);
    } else if (compareEvents(fresh[0]!, last) > 0) {
      for (const e of fresh) {
        this.sorted.push(e);
        applyEvent(this.current, e, this.rows);
      }
    } else {
      this.sorted = sortUnique([...this.sorted, ...fresh]);
      this.refold();
    }
    // A new top-level object per change, so UI stores can tell that something changed.
    this.current = { ...this.current };
    return fresh;
  }

  private refold(): void {
    this.rows = new Map();
    const state = emptyState(this.incidentId);
    for (const e of this.sorted) applyEvent(state, e, this.rows);
    this.current = state;
  }
}
