import type { WarEvent } from '../../src/kinds/event.js';
import { mapToVector, vectorSchema, vectorToMap } from '../../src/sync/protocol.js';
import type { VersionVector } from '../../src/sync/version-vector.js';
import { UnsentEvents } from './unsent-events.js';

/**
 * What this peer knows the hub holds, and so what it still has to push: the hub's contiguous vector, ids seen
 * beyond it, and the local events not yet there (kept up to date as events arrive, so a live event costs
 * O(unsent), not a scan of the incident). Events the hub refused are set aside: ours until the next
 * connection (shown as unsynced with the reason), someone else's for good.
 */
export class HubHoldings {
  /** The hub's contiguous vector, as it last said. */
  private vector = new Map<string, number>();
  /** Ids known to be on the hub beyond `vector`. */
  private ids = new Set<string>();
  /** null = rebuild from the log (after what the hub holds changed). */
  private candidates: UnsentEvents | null = null;
  /** Our events the hub refused this session (id -> reason): not retried until the next connection. */
  readonly refused = new Map<string, string>();
  /**
   * Events the hub refused that are not ours to deliver: another person signed them (they came from an import
   * or an older hub; only their author's connection may push them, and a rule-breaking one is kept out by
   * every peer's fold). Settled: never resent, never "not yet synced".
   */
  private readonly ruledOut = new Set<string>();

  /** A saved vector from a previous run (`hubVector()`): only a hint, the first exchange replaces it. */
  constructor(hint?: VersionVector) {
    const parsed = hint ? vectorSchema.safeParse(hint) : null;
    if (parsed?.success) this.vector = vectorToMap(parsed.data);
  }

  hubVector(): VersionVector {
    return mapToVector(this.vector);
  }

  /** What the hub held last time is not trusted across connections (it may have been restored from a backup). */
  newConnection(): void {
    this.ids = new Set();
    this.candidates = null;
    this.refused.clear();
  }

  /** The hub's vector as it said just now: everything within it needs no id remembered. */
  replaceVector(vector: VersionVector): void {
    this.vector = vectorToMap(vector);
  }

  /** After a whole exchange: the unsent list is rebuilt from the log once, against what the hub holds now. */
  rebuildUnsent(): void {
    this.candidates = null;
  }

  /** Raises the vector where a push ack says the hub now holds more. */
  raiseVector(vector: VersionVector): void {
    for (const [origin, n] of Object.entries(vector)) if (n > (this.vector.get(origin) ?? 0)) this.vector.set(origin, n);
  }

  covers(vector: VersionVector): boolean {
    return Object.entries(vector).every(([origin, n]) => (this.vector.get(origin) ?? 0) >= n);
  }

  has(e: WarEvent): boolean {
    return e.seq <= (this.vector.get(e.origin) ?? 0) || this.ids.has(e.id);
  }

  /** Remembers events as on the hub (they came from it, or it acked them). */
  mark(raw: readonly unknown[]): void {
    for (const e of raw) {
      if (e === null || typeof e !== 'object') continue;
      const { id, origin, seq } = e as { id?: unknown; origin?: unknown; seq?: unknown };
      if (typeof origin === 'string' && typeof seq === 'number' && seq <= (this.vector.get(origin) ?? 0)) continue;
      if (typeof id === 'string') this.ids.add(id);
    }
  }

  markIds(ids: readonly string[]): void {
    for (const id of ids) this.ids.add(id);
  }

  /** A local event that may need pushing. */
  track(e: WarEvent): void {
    if (this.candidates && this.pending(e)) this.candidates.add(e);
  }

  /** The hub refused `e`: set it aside (ours with the reason; someone else's for good). */
  refuse(e: WarEvent | undefined, id: string, reason: string, someoneElses: boolean): void {
    if (someoneElses) this.ruledOut.add(id);
    else this.refused.set(id, reason);
    if (e) this.candidates?.remove(e);
  }

  /** Local events the hub is not known to hold and has not refused. */
  async unsent(events: () => Promise<readonly WarEvent[]>): Promise<UnsentEvents> {
    if (!this.candidates) {
      const candidates = new UnsentEvents();
      for (const e of await events()) if (this.pending(e)) candidates.add(e);
      this.candidates ??= candidates;
    }
    this.candidates.dropAcked((e) => this.has(e));
    return this.candidates;
  }

  private pending(e: WarEvent): boolean {
    return !this.has(e) && !this.refused.has(e.id) && !this.ruledOut.has(e.id);
  }
}
