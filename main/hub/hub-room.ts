import type { Actor, WarEvent } from '../../src/model/envelope.js';
import { parseEvent } from '../../src/model/envelope.js';
import { MAX_FUTURE_DRIFT_MS } from '../../src/model/hlc.js';
import type { VersionVector } from '../../src/sync/version-vector.js';
import { mapToVector, PROTOCOL_LIMITS, utf8Length, type Cursor, type Refusal } from '../../src/sync/protocol.js';
import type { LogIssue } from '../services/incident-log-store.js';
import type { HubStorage } from './hub-storage.js';
import { verifyPushedEvent } from './event-verifier.js';

export interface PushOutcome {
  /** Events durable on the hub for the first time: to be broadcast to the room. */
  stored: WarEvent[];
  duplicates: string[];
  refused: Refusal[];
}

export interface PullPage {
  events: WarEvent[];
  next: Cursor | null;
}

/**
 * One room's copy of the log, in memory beside the durable store: what the hub holds, its version vector,
 * and which actor owns each origin. Checks every pushed event before anything is written.
 */
export class HubRoom {
  private readonly byId = new Map<string, WarEvent>();
  private readonly bytes = new Map<string, number>();
  private totalBytes = 0;
  /** origin -> seq -> event id, for stored events and those being written. */
  private readonly slots = new Map<string, Map<number, string>>();
  /** origin -> the actor id that first wrote under it; nobody else may use it. */
  private readonly owners = new Map<string, string>();
  private readonly contiguous = new Map<string, number>();
  /** Ids being written right now: a second push of the same id waits for the first write. */
  private readonly writing = new Map<string, Promise<void>>();
  /** The events being written, by id: a chain check may need one as the next event's predecessor. */
  private readonly unwritten = new Map<string, WarEvent>();
  /** Problems found replaying the stored log (a torn tail cut, corrupt lines skipped). */
  issues: LogIssue[] = [];

  private constructor(
    readonly id: string,
    private readonly storage: HubStorage,
    private readonly now: () => number,
  ) {}

  static async load(id: string, storage: HubStorage, now: () => number): Promise<HubRoom> {
    const room = new HubRoom(id, storage, now);
    const { events, issues } = await storage.loadRoom(id);
    room.issues = issues;
    for (const e of events) {
      if (e.incident !== id || room.byId.has(e.id)) continue;
      if (!room.owners.has(e.origin)) room.owners.set(e.origin, e.actor.id);
      room.slotsOf(e.origin).set(e.seq, e.id);
      room.apply(e);
    }
    return room;
  }

  /** Bytes of JSON of these stored events (for a pull's rate limit), from sizes already measured. */
  bytesOf(events: readonly WarEvent[]): number {
    let n = 0;
    for (const e of events) n += this.bytes.get(e.id) ?? 0;
    return n;
  }

  get size(): number {
    return this.byId.size;
  }

  events(): WarEvent[] {
    return [...this.byId.values()];
  }

  vector(): VersionVector {
    return mapToVector(this.contiguous);
  }

  /**
   * The stored events a peer with vector `theirs` lacks, in (origin, seq) order, strictly after `after`.
   * Events being written are left out: the peer is already in the room and gets them by broadcast.
   */
  pull(theirs: ReadonlyMap<string, number>, after: Cursor | null, limit: number): PullPage {
    const events: WarEvent[] = [];
    let budget = PROTOCOL_LIMITS.batchBytes;
    const origins = [...this.slots.keys()].filter((o) => !after || o >= after.origin).sort();
    for (const origin of origins) {
      const floor = Math.max(theirs.get(origin) ?? 0, after && origin === after.origin ? after.seq : 0);
      const seqs = [...this.slots.get(origin)!.keys()].filter((s) => s > floor).sort((a, b) => a - b);
      for (const seq of seqs) {
        const e = this.byId.get(this.slots.get(origin)!.get(seq)!);
        if (!e) continue;
        const size = this.bytes.get(e.id)!;
        if (events.length >= limit || (events.length > 0 && size > budget)) {
          const last = events[events.length - 1]!;
          return { events, next: { origin: last.origin, seq: last.seq } };
        }
        events.push(e);
        budget -= size;
      }
    }
    return { events, next: null };
  }

  /**
   * Checks and durably stores events pushed by `writer`. Valid events are written even when others in the
   * same batch are refused; each refusal says why. Resolves after the write is on disk.
   */
  async push(raw: readonly unknown[], writer: Actor, connectionKey?: string): Promise<PushOutcome> {
    const refused: Refusal[] = [];
    const duplicates: string[] = [];
    const fresh: WarEvent[] = [];
    const waits: Promise<void>[] = [];
    const claimedOrigins: string[] = [];
    const inBatch = new Set<string>();
    const limitMs = this.now() + MAX_FUTURE_DRIFT_MS;
    const held = (id: string | undefined): WarEvent | undefined => (id === undefined ? undefined : (this.byId.get(id) ?? this.unwritten.get(id)));
    const verifyCtx = connectionKey === undefined ? null : {
      connectionKey,
      eventAt: (origin: string, seq: number) => held(this.slots.get(origin)?.get(seq)),
      openedAt: () => held(this.id)?.at.ms,
    };

    const checkOne = (input: unknown, index: number): unknown => {
      const refuse = (code: Refusal['code'], reason: string, id: string | null = null) => refused.push({ index, id, code, reason });
      const size = serialisedSize(input);
      if (size === null || size > PROTOCOL_LIMITS.eventBytes) {
        return refuse('too-large', `event is larger than ${PROTOCOL_LIMITS.eventBytes} bytes`);
      }
      const parsed = parseEvent(input);
      if (!parsed.ok) return refuse('invalid', parsed.error, idOf(input));
      const e = parsed.value;
      if (e.origin === '__proto__') return refuse('invalid', 'origin "__proto__" is reserved', e.id);
      if (e.incident !== this.id) return refuse('wrong-incident', `event ${e.id} belongs to incident ${e.incident}, not ${this.id}`, e.id);
      if (e.actor.id !== writer.id) {
        return refuse('forged-actor', `event ${e.id} is by actor ${e.actor.id}, but this connection is ${writer.id}: post as yourself`, e.id);
      }
      if (e.at.ms > limitMs) {
        return refuse('future', `event ${e.id} is stamped ${new Date(e.at.ms).toISOString()}, more than ${MAX_FUTURE_DRIFT_MS / 60_000} minutes ahead of the hub's clock`, e.id);
      }
      if (this.byId.has(e.id) || inBatch.has(e.id)) return void duplicates.push(e.id);
      const inFlight = this.writing.get(e.id);
      if (inFlight) {
        waits.push(inFlight);
        return void duplicates.push(e.id);
      }
      if (this.byId.size + this.unwritten.size >= PROTOCOL_LIMITS.roomEvents || this.totalBytes + size > PROTOCOL_LIMITS.roomBytes) {
        return refuse('room-full', `incident ${this.id} holds the most a room may (${PROTOCOL_LIMITS.roomEvents} events, ${PROTOCOL_LIMITS.roomBytes} bytes)`, e.id);
      }
      const identity = verifyCtx && verifyPushedEvent(e, verifyCtx);
      if (identity) return refuse(identity.code, identity.reason, e.id);
      const owner = this.owners.get(e.origin);
      if (owner !== undefined && owner !== writer.id) {
        return refuse('origin-taken', `origin ${e.origin} belongs to another actor: each writer keeps its own origin`, e.id);
      }
      const taken = this.slots.get(e.origin)?.get(e.seq);
      if (taken !== undefined && taken !== e.id) {
        return refuse('seq-conflict', `origin ${e.origin} seq ${e.seq} is already event ${taken}`, e.id);
      }
      // Claimed before the write so a concurrent push cannot take the same origin or seq meanwhile.
      if (owner === undefined) {
        this.owners.set(e.origin, writer.id);
        claimedOrigins.push(e.origin);
      }
      this.slotsOf(e.origin).set(e.seq, e.id);
      this.unwritten.set(e.id, e);
      inBatch.add(e.id);
      fresh.push(e);
    };
    // Each origin's events are checked in seq order, so a batch delivered out of order still chains.
    const order = raw.map((_, i) => i).sort((a, b) => compareSlots(raw[a], raw[b]) || a - b);
    for (const index of order) checkOne(raw[index], index);
    refused.sort((a, b) => a.index - b.index);

    if (fresh.length > 0) {
      const write = this.storage.append(this.id, fresh);
      for (const e of fresh) this.writing.set(e.id, write);
      try {
        await write;
      } catch (err) {
        for (const e of fresh) this.unwritten.delete(e.id);
        for (const e of fresh) this.slots.get(e.origin)?.delete(e.seq);
        for (const o of claimedOrigins) if (!this.slots.get(o)?.size) this.owners.delete(o);
        throw err;
      } finally {
        for (const e of fresh) this.writing.delete(e.id);
      }
      for (const e of fresh) this.apply(e);
      for (const e of fresh) this.unwritten.delete(e.id);
    }
    // A duplicate of an event still being written is acked only once that write is durable.
    await Promise.all(waits);
    return { stored: fresh, duplicates, refused };
  }

  private apply(e: WarEvent): void {
    this.byId.set(e.id, e);
    const size = utf8Length(JSON.stringify(e));
    this.bytes.set(e.id, size);
    this.totalBytes += size;
    const slots = this.slotsOf(e.origin);
    let n = this.contiguous.get(e.origin) ?? 0;
    while (slots.has(n + 1) && this.byId.has(slots.get(n + 1)!)) n++;
    this.contiguous.set(e.origin, n);
  }

  private slotsOf(origin: string): Map<number, string> {
    let s = this.slots.get(origin);
    if (!s) this.slots.set(origin, (s = new Map()));
    return s;
  }
}

function serialisedSize(input: unknown): number | null {
  try {
    const text = JSON.stringify(input);
    return text === undefined ? 0 : utf8Length(text);
  } catch {
    return null;
  }
}

/** (origin, seq) order for raw input; anything without them sorts first and is refused by the checks. */
function compareSlots(a: unknown, b: unknown): number {
  const sa = slotOf(a);
  const sb = slotOf(b);
  return sa.origin < sb.origin ? -1 : sa.origin > sb.origin ? 1 : sa.seq - sb.seq;
}

function slotOf(input: unknown): { origin: string; seq: number } {
  const o = input !== null && typeof input === 'object' ? (input as { origin?: unknown; seq?: unknown }) : {};
  return { origin: typeof o.origin === 'string' ? o.origin : '', seq: typeof o.seq === 'number' && Number.isFinite(o.seq) ? o.seq : 0 };
}

function idOf(input: unknown): string | null {
  const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}
