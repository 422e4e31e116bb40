import { compareEvents } from '../model/envelope.js';
import { type WarEvent } from '../kinds/event.js';
import { applyEvent, emptyState, sortUnique } from './fold.js';
import type { IncidentState, TimelineRow } from '../model/incident-state.js';

/**
 * Keeps an incident's events and folded state up to date as events arrive. Events that sort after everything
 * seen (the normal, live case) are applied in place. Events from the past (a peer catching up) are merged into
 * place, and the state is refolded once, when next read: pages of a catch-up that nobody looks at in between
 * cost one merge each, not one fold each. Either way the state is the one `fold()` gives for the same events.
 */
export class IncidentFolder {
  private sorted: WarEvent[] = [];
  private readonly ids = new Set<string>();
  private rows = new Map<string, TimelineRow>();
  private current: IncidentState;
  /** True when events were merged into the past since the state was last folded. */
  private stale = false;

  constructor(
    readonly incidentId: string,
    initial: Iterable<WarEvent> = [],
  ) {
    this.current = emptyState(incidentId);
    this.add([...initial]);
  }

  get state(): IncidentState {
    if (this.stale) this.refold();
    return this.current;
  }

  /**
   * The events of `fresh` the rules kept out, with their code and reason, when the state is current (live events
   * applied in place); null when a merge into the past left the state to be refolded when next read.
   */
  refusedAmong(fresh: readonly WarEvent[], refusedBefore: number): IncidentState['refused'] | null {
    if (this.stale) return null;
    const ids = new Set(fresh.map((e) => e.id));
    return this.current.refused.slice(refusedBefore).filter((r) => ids.has(r.id));
  }

  /** How many events the rules kept out so far, or null while a refold is pending. */
  get refusedCount(): number | null {
    return this.stale ? null : this.current.refused.length;
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
    if (last === undefined || compareEvents(fresh[0]!, last) > 0) {
      for (const e of fresh) this.sorted.push(e);
      if (!this.stale) for (const e of fresh) applyEvent(this.current, e, this.rows);
    } else {
      mergeInto(this.sorted, fresh);
      this.stale = true;
    }
    // A new top-level object per change, so UI stores can tell that something changed.
    if (!this.stale) this.current = { ...this.current };
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
    this.stale = false;
  }
}

/**
 * Merges `fresh` (sorted, none already held) into `sorted` in place, from the back: only the events after
 * the first insertion point move, so a page landing near the end costs its own size, not the whole log's.
 */
function mergeInto(sorted: WarEvent[], fresh: readonly WarEvent[]): void {
  let i = sorted.length - 1;
  let j = fresh.length - 1;
  let k = sorted.length + fresh.length - 1;
  for (const e of fresh) sorted.push(e); // grows the array (kept packed); every slot is overwritten below
  while (j >= 0) {
    if (i >= 0 && compareEvents(sorted[i]!, fresh[j]!) > 0) sorted[k--] = sorted[i--]!;
    else sorted[k--] = fresh[j--]!;
  }
}
