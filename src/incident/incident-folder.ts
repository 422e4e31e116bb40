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
    // Opening an incident adds its whole log at once, usually already in order (a log main folded, a replay):
    // then one pass that checks order and builds the id set replaces the sort and the dedupe.
    let fresh: readonly WarEvent[];
    if (this.ids.size === 0 && this.takeIfOrdered(ours)) fresh = ours;
    else {
      fresh = sortUnique(ours.filter((e) => !this.ids.has(e.id)));
      for (const e of fresh) this.ids.add(e.id);
    }
    if (fresh.length === 0) return [];
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
    return fresh as WarEvent[];
  }

  /** True when `batch` is strictly in (at, id) order with no repeated id; leaves `ids` as it found it otherwise. */
  private takeIfOrdered(batch: readonly WarEvent[]): boolean {
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i]!;
      if ((i > 0 && compareEvents(batch[i - 1]!, e) >= 0) || this.ids.has(e.id)) {
        this.ids.clear();
        return false;
      }
      this.ids.add(e.id);
    }
    return true;
  }

  private refold(): void {
    this.rows = new Map();
    const state = emptyState(this.incidentId);
    for (const e of this.sorted) applyEvent(state, e, this.rows);
    this.current = state;
  }
}
