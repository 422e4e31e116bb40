import type { WarEvent } from '../kinds/event.js';
import type { OrderRange } from '../model/room-order.js';
import { applyEvent, emptyState } from './fold.js';
import type { IncidentState, TimelineRow } from '../model/incident-state.js';

/** Positions taken, or why not: a gap (ask the hub again from what is known) or a conflict (the hub changed its story). */
export type OrderOutcome = { ok: true } | { ok: false; code: 'order-gap' | 'order-conflict'; error: string };

/**
 * Keeps an incident's events and folded state up to date, in the room's agreed order.
 *
 * Until a hub has ordered the incident (it was never shared), the log's own order is the agreed order: this
 * machine is the only one writing. Once a hub has given out positions (`order`), events fold in that order,
 * whatever time they claim; an event without a position yet (written offline, or not yet acknowledged) is
 * provisional: folded after every positioned event, shown, but nothing positioned is judged against it and it
 * gets no number (`state.provisional`). When positions arrive in the order events were folded (the usual
 * case) nothing is refolded; when one lands before a provisional event, the state is refolded once, when next
 * read. Either way the state is the one `fold` gives for the events in that order.
 */
export class IncidentFolder {
  /** Fold order: the positioned events (the first `settled`), then the provisional ones in arrival order. */
  private all: WarEvent[] = [];
  private settled = 0;
  /** True once a hub has given out positions for this incident. */
  private hubOrdered = false;
  private readonly byId = new Map<string, WarEvent>();
  /** Ids at the positions after `settled` that are known but whose events have not arrived yet. */
  private waiting: string[] = [];
  private rows = new Map<string, TimelineRow>();
  private current: IncidentState;
  /** True when an event moved before provisional ones since the state was last folded. */
  private stale = false;

  /**
   * `initial`: events in fold order. `settled`: how many of them lead in the agreed order a hub gave out;
   * null when no hub has ordered the incident (then all of them, in this order, are the agreed order).
   */
  constructor(
    readonly incidentId: string,
    initial: readonly WarEvent[] = [],
    settled: number | null = null,
  ) {
    this.current = emptyState(incidentId);
    this.hubOrdered = settled !== null;
    this.add(initial);
    if (settled !== null) this.settled = Math.min(settled, this.all.length);
    this.markProvisional();
  }

  get state(): IncidentState {
    if (this.stale) this.refold();
    return this.current;
  }

  /**
   * The events of `fresh` the rules kept out, with their code and reason, when the state is current (events
   * applied in place); null when a refold is pending (it lists them in the state when next read).
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

  /** Every event, in fold order. */
  get events(): readonly WarEvent[] {
    return this.all;
  }

  /** Positions of the agreed order this folder has applied: a catch-up asks the hub for what follows. */
  get position(): number {
    return this.hubOrdered ? this.settled : 0;
  }

  /** True once a hub has ordered this incident. */
  get ordered(): boolean {
    return this.hubOrdered;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds events (duplicates ignored), after everything held, and returns the ones that were new. */
  add(batch: readonly WarEvent[]): WarEvent[] {
    const fresh: WarEvent[] = [];
    for (const e of batch) {
      if (e.incident !== this.incidentId || this.byId.has(e.id)) continue;
      this.byId.set(e.id, e);
      this.all.push(e);
      fresh.push(e);
      if (!this.stale) applyEvent(this.current, e, this.rows);
    }
    if (fresh.length === 0) return fresh;
    if (!this.hubOrdered) this.settled = this.all.length;
    else this.advance();
    this.changed();
    return fresh;
  }

  /**
   * Takes positions from the hub. A range may overlap what is known (a repeat after a reconnect) but must
   * agree with it and may not leave a gap; positions whose events have not arrived wait for them.
   */
  order(range: OrderRange): OrderOutcome {
    // Before the first positions from a hub, none are known: this machine's own order was never a hub's.
    const known = this.hubOrdered ? this.settled + this.waiting.length : 0;
    if (range.from > known + 1) return { ok: false, code: 'order-gap', error: `positions from ${range.from} leave a gap after ${known}` };
    const fresh: string[] = [];
    for (let i = 0; i < range.ids.length; i++) {
      const at = range.from + i; // 1-based
      const id = range.ids[i]!;
      const held = at > known ? undefined : at <= this.settled ? this.all[at - 1]!.id : this.waiting[at - this.settled - 1];
      if (held === undefined) fresh.push(id);
      else if (held !== id)
        return { ok: false, code: 'order-conflict', error: `the hub put ${id} at position ${at}, where it had put ${held} before` };
    }
    if (!this.hubOrdered) {
      // From now on the hub's order is the agreed one, and nothing is settled until it says so. A log shared
      // for the first time is pushed in its own order, so the positions that come back move nothing.
      this.hubOrdered = true;
      this.settled = 0;
    }
    for (const id of fresh) this.waiting.push(id);
    this.advance();
    this.changed();
    return { ok: true };
  }

  /** Moves every waiting position whose event is here into place, in order. */
  private advance(): void {
    let taken = 0;
    for (const id of this.waiting) {
      const e = this.byId.get(id);
      if (!e) break;
      if (this.all[this.settled] !== e) {
        // Positioned before a provisional event it was folded after: put it in its place and refold.
        this.all.splice(this.all.indexOf(e, this.settled), 1);
        this.all.splice(this.settled, 0, e);
        this.stale = true;
      }
      this.settled++;
      taken++;
    }
    if (taken > 0) this.waiting = this.waiting.slice(taken);
    this.markProvisional();
  }

  private markProvisional(): void {
    const was = this.current.provisional;
    const count = this.hubOrdered ? this.all.length - this.settled : 0;
    if (count === was.length && (count === 0 || was.every((id, i) => this.all[this.settled + i]!.id === id))) return;
    this.current.provisional = this.all.slice(this.settled).map((e) => e.id);
  }

  /** A new top-level object per change, so UI stores can tell that something changed. */
  private changed(): void {
    if (!this.stale) this.current = { ...this.current };
  }

  private refold(): void {
    this.rows = new Map();
    const state = emptyState(this.incidentId);
    for (const e of this.all) applyEvent(state, e, this.rows);
    state.provisional = this.current.provisional;
    this.current = state;
    this.stale = false;
  }
}
