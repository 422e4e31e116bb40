import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import { MAX_FUTURE_DRIFT_MS } from '../../src/model/hlc.js';
import type { VersionVector } from '../../src/sync/version-vector.js';
import { PROTOCOL_LIMITS, utf8Length, type Refusal } from '../../src/sync/protocol.js';
import type { OrderRange, SignedHead } from '../../src/model/room-order.js';
import type { LogIssue } from '../services/incident-log-store.js';
import { hashId, IdHashTable, OriginSeqs, type StoredRef } from './hub-room-index.js';
import type { HubStorage, SharedOrder } from './hub-storage.js';
import { preverifySignatures, verifyPushedEvent, type VerifyContext } from './event-verifier.js';
import { gate } from '../../src/kinds/rules.js';
import { RulesBook } from '../../src/kinds/rules-book.js';
import { memorySigner, type Signer } from '../identity/event-signature.js';
import { extendChain, orderGenesis, signHead } from '../identity/room-chain.js';
import { leadingId, parsedLineId, pickLines } from './stored-lines.js';
import { GroupedWrites } from './grouped-writes.js';

export interface PushOutcome {
  /** Events durable on the hub for the first time: to be broadcast to the room. */
  stored: WarEvent[];
  /** Bytes of the stored events' JSON: what relaying them costs in a message. */
  storedBytes: number;
  duplicates: string[];
  refused: Refusal[];
}

const HUB_ROAD = { road: 'hub' } as const;

/**
 * Hears a push's new events as soon as the rest of the room may have them: when their write to storage this
 * hub alone keeps has begun (before its fsync), or once shared storage committed them. See push.
 */
export type RelayNow = (stored: readonly WarEvent[], bytes: number) => void;
/** One page of a room in its agreed order (see pull). */
export interface OrderedPage {
  /** The lines of the page's events the peer lacks, in order, each ending in a newline. */
  lines: Buffer;
  /** Lines in `lines`. */
  count: number;
  /** The ids at every position of the page, whether sent or not; null for an empty page. */
  order: OrderRange | null;
  /** The last position of the page when more follow, else null. */
  next: number | null;
  /** Bytes of `lines`: what a pull's rate limit charges. */
  bytes: number;
}

/** Stored bytes one page may read, its skipped events included: a page's cost to the disk stays bounded. */
const PAGE_READ_BYTES = 8 * 1024 * 1024;

interface Candidate {
  index: number;
  e: WarEvent;
  hash: number;
  bytes: number;
}

/** One push as it is checked: what it was answered so far and what it claimed. */
/** A push waiting to be written to shared storage with the others of its group. */
interface SharedPush {
  screened: Candidate[];
  connectionKey: string | undefined;
  push: PushState;
}

interface PushState {
  writer: Actor;
  refused: Refusal[];
  duplicates: string[];
  fresh: Candidate[];
  /** Writes of the same ids by another push: a duplicate is acked only once they are durable. */
  waits: Promise<unknown>[];
  /** Origins first claimed by this push: given back if its write fails. */
  claimedOrigins: string[];
  inBatch: Set<string>;
  relayNow: RelayNow | undefined;
}

function refuse(push: PushState, index: number, code: Refusal['code'], reason: string, id: string | null = null): void {
  push.refused.push({ index, id, code, reason });
}

/** Kept per room only while the hub writes: what the rest of the room must not take meanwhile. */
interface Claims {
  /** origin -> seq -> id being written. */
  slots: Map<string, Map<number, string>>;
}

/**
 * One room on the hub: an index of what is stored (where, how big, which id hash, which origin and seq), its
 * version vector, and which actor owns each origin. The events themselves stay in storage and are read a
 * page at a time, so the hub's memory follows the rooms it serves, not their history. Checks every pushed
 * event before anything is written.
 */
export class HubRoom {
  /** Per stored event (its number is its position here): where storage keeps it, and its id hash. */
  private readonly refAt: number[] = [];
  private readonly refBytes: number[] = [];
  private readonly idHashes: number[] = [];
  private readonly ids = new IdHashTable(this.idHashes);
  private readonly origins = new Map<string, OriginSeqs>();
  /** The origin and seq at each position: what a page needs to know whether a peer holds it. */
  private readonly posOrigin: string[] = [];
  private readonly posSeq: number[] = [];
  /** The hash chain over the agreed order up to the last position (src/model/room-order.ts). */
  private chain: Buffer;
  private signedHead: SignedHead | null = null;
  private readonly orderListeners = new Set<(range: OrderRange) => void>();
  private readonly storedListeners = new Set<(events: readonly WarEvent[], range: OrderRange) => void>();
  /** origin -> the actor id that first wrote under it; nobody else may use it. Claimed before the write. */
  private readonly owners = new Map<string, string>();
  private readonly claims: Claims = { slots: new Map() };
  /** Ids being written right now: a second push of the same id waits for the first write. */
  private readonly writing = new Map<string, Promise<unknown>>();
  /** Pushes and pulls running now: a busy room is never evicted. */
  private running = 0;
  /** Each origin's latest stored event: the predecessor a signed push names (one event per origin, not history). */
  private readonly tips = new Map<string, WarEvent>();
  /** The events being written, by id: a chain check may need one as the next event's predecessor. */
  private readonly unwritten = new Map<string, WarEvent>();
  private totalBytes = 0;
  /** What the gate reads (src/kinds/rules.ts), noted for each event as it is accepted. */
  private readonly rules: RulesBook;
  /** Problems found replaying the stored log (a torn tail cut, corrupt lines skipped). */
  issues: LogIssue[] = [];
  /** Set when storage is shared by several hubs (see SharedOrder): positions come from it. */
  private readonly shared: SharedOrder | undefined;
  /** With shared storage, each write and each refresh runs alone, in turn (the index grows in position order). */
  private turn: Promise<unknown> = Promise.resolve();
  private staleSince: unknown = null;
  /** With shared storage, the pushes waiting for the room's turn, written together in one transaction. */
  private readonly grouped = new GroupedWrites<SharedPush>(
    (work) => this.inTurn(work),
    (pushes) => this.storeShared(this.shared!, pushes),
  );
  /** The id at the last position: what a beacon of the room's head names. */
  private lastId: string | null = null;

  private constructor(
    readonly id: string,
    private readonly storage: HubStorage,
    private readonly now: () => number,
    private readonly hubKey: Signer,
  ) {
    this.rules = new RulesBook(id);
    this.chain = orderGenesis(id);
    this.shared = storage.shared;
  }

  /**
   * Loads a room from storage: the order it was stored in is its agreed order. `hubKey` signs the order's head
   * (a throwaway key when none is given: tests that never check heads).
   */
  static async load(id: string, storage: HubStorage, now: () => number, hubKey: Signer = memorySigner()): Promise<HubRoom> {
    const room = new HubRoom(id, storage, now, hubKey);
    // While loading only: the ids seen, to skip a stored duplicate (logs merged by hand, say) exactly. Dropped
    // once loaded; from then on the id hashes and a read-back answer the same question.
    const seen = new Set<string>();
    const { issues } = await storage.scanRoom(id, (e, ref) => {
      if (e.incident !== id || seen.has(e.id) || (room.origins.get(e.origin)?.find(e.seq) ?? -1) >= 0) return;
      seen.add(e.id);
      room.take(e, ref);
    });
    room.issues = issues;
    return room;
  }

  get size(): number {
    return this.refAt.length;
  }

  /** True while a push or pull is running on this room. */
  get busy(): boolean {
    return this.running > 0;
  }

  vector(): VersionVector {
    const v: VersionVector = Object.create(null) as VersionVector;
    for (const [origin, o] of this.origins) if (o.contiguous > 0 && origin !== '__proto__') v[origin] = o.contiguous;
    return v;
  }

  /** The signed head of the agreed order as it stands (null while the room is empty). */
  head(): SignedHead | null {
    const n = this.refAt.length;
    if (n === 0) return null;
    if (this.signedHead?.n !== n) this.signedHead = signHead(this.hubKey, this.id, n, this.chain);
    return this.signedHead;
  }

  /** Hears every range of positions the room gives out, once its events are durable, in order. */
  onOrdered(listener: (range: OrderRange) => void): () => void {
    this.orderListeners.add(listener);
    return () => this.orderListeners.delete(listener);
  }

  /** Hears the events themselves as they are stored, with their positions (the hub's outgoing channels). */
  onStored(listener: (events: readonly WarEvent[], range: OrderRange) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /**
   * The stored events at positions 1 to `end`, in the agreed order, a page at a time, read back from storage
   * by where the index says they are (never a scan of a file being written). The room counts as busy meanwhile.
   */
  async *ordered(end = this.refAt.length, pageEvents = 1000): AsyncGenerator<WarEvent[]> {
    this.running++;
    try {
      for (let from = 0; from < end; from += pageEvents) {
        const numbers: number[] = [];
        for (let n = from; n < Math.min(end, from + pageEvents); n++) numbers.push(n);
        yield await this.read(numbers);
      }
    } finally {
      this.running--;
    }
  }

  /**
   * The room from position `after + 1` on, in its agreed order: the ids at every position (so the peer learns
   * where its own events stand) and the lines of the events a peer with vector `theirs` lacks, as stored (not
   * parsed or re-encoded: most of what serving a catch-up costs). At most `limit` positions and about
   * linesPageBytes of lines. Events being written are left out: the peer gets them by broadcast.
   */
  async pull(theirs: ReadonlyMap<string, number>, after: number, limit: number): Promise<OrderedPage> {
    // Other hubs may have stored events since this one last looked: a page answers for the room as stored.
    if (this.shared) await this.refresh();
    const { picked, send, bytes } = this.pick(theirs, after, limit);
    if (picked.length === 0) return { lines: Buffer.alloc(0), count: 0, order: null, next: null, bytes: 0 };
    this.running++;
    try {
      const { lines, spans, ids } = await this.readLines(picked);
      const end = after + picked.length;
      return {
        lines: pickLines(lines, spans, send),
        count: send.length,
        order: { from: after + 1, ids },
        next: end < this.refAt.length ? end : null,
        bytes,
      };
    } finally {
      this.running--;
    }
  }

  /** Bytes of stored lines the page `pull` would read now: what it costs before it is built (pages-in-flight.ts). */
  pageBytes(theirs: ReadonlyMap<string, number>, after: number, limit: number): number {
    const { picked } = this.pick(theirs, after, limit);
    let bytes = 0;
    for (const n of picked) bytes += this.refBytes[n]! + 1;
    return bytes;
  }

  /** Which positions make the page, which of them the peer lacks (indexes into `picked`), and their bytes. */
  private pick(theirs: ReadonlyMap<string, number>, after: number, limit: number): { picked: number[]; send: number[]; bytes: number } {
    const picked: number[] = [];
    const send: number[] = [];
    let budget = PROTOCOL_LIMITS.linesPageBytes;
    let read = 0;
    for (let n = Math.max(0, after); n < this.refAt.length && picked.length < limit; n++) {
      const size = this.refBytes[n]!;
      const lacks = this.posSeq[n]! > (theirs.get(this.posOrigin[n]!) ?? 0);
      if (picked.length > 0 && ((lacks && size > budget) || read + size > PAGE_READ_BYTES)) break;
      if (lacks) {
        send.push(picked.length);
        budget -= size;
      }
      picked.push(n);
      read += size;
    }
    return { picked, send, bytes: PROTOCOL_LIMITS.linesPageBytes - budget };
  }

  /**
   * Checks and durably stores events pushed by `writer`. Valid events are written even when others in the
   * same batch are refused; each refusal says why. Resolves after the write is on disk: the writer's ack.
   *
   * `relayNow` hears the new events while their write is under way (storage of this hub's own: the fsync is
   * then off the path to the rest of the room). What peers get this way is not yet acknowledged and has no
   * position: positions are given (onOrdered) and the writer is acked only once the write is durable, so
   * nothing acknowledged is lost and no position ever moves. If the hub dies before the fsync, the writer,
   * never acked, pushes the events again and they take their positions then (PROTOCOL.md, "Relay and ack").
   */
  async push(raw: readonly unknown[], writer: Actor, connectionKey?: string, relayNow?: RelayNow): Promise<PushOutcome> {
    this.running++;
    try {
      return await this.pushChecked(raw, writer, connectionKey, relayNow);
    } finally {
      this.running--;
    }
  }

  private async pushChecked(
    raw: readonly unknown[],
    writer: Actor,
    connectionKey: string | undefined,
    relayNow: RelayNow | undefined,
  ): Promise<PushOutcome> {
    const push: PushState = { writer, refused: [], duplicates: [], fresh: [], waits: [], claimedOrigins: [], inBatch: new Set(), relayNow };
    const screened = await this.screen(raw, push);
    // Signatures are checked here, in slices between other peers' work, on the events parsed above (once).
    if (connectionKey !== undefined) await preverifySignatures(screened.map((c) => c.e));
    if (this.shared) {
      await this.grouped.add({ screened, connectionKey, push });
      relayNow?.(
        push.fresh.map((c) => c.e),
        bytesOf(push.fresh),
      );
    } else await this.storeOwn(screened, connectionKey, push);
    // A duplicate of an event still being written is acked only once that write is durable.
    await Promise.all(push.waits);
    // Shape refusals come first, slot refusals second: report them in the batch's order.
    push.refused.sort((a, b) => a.index - b.index);
    const stored = push.fresh.map((c) => c.e);
    return { stored, storedBytes: bytesOf(push.fresh), duplicates: push.duplicates, refused: push.refused };
  }

  /** Phases 2 and 3 with storage this hub alone writes: the room as indexed here is the room as stored. */
  private async storeOwn(screened: Candidate[], connectionKey: string | undefined, push: PushState): Promise<void> {
    const verifyCtx = connectionKey === undefined ? null : await this.verifyContext(connectionKey, screened);
    try {
      await this.claimAndStore(screened, verifyCtx, push);
    } catch (err) {
      for (const o of push.claimedOrigins) if (!this.origins.has(o)) this.owners.delete(o);
      throw err;
    } finally {
      this.releaseClaims(push.fresh);
    }
  }

  /**
   * Phases 2 and 3 with storage several hubs share: holding the room's lock, first index what other hubs
   * stored since this one looked, then judge against the room as the storage holds it, store at the next
   * positions, commit. Positions are told only after the commit. Pushes that waited together are judged and
   * stored one after another in the same transaction (GroupedWrites).
   */
  private async storeShared(shared: SharedOrder, pushes: readonly SharedPush[]): Promise<void> {
    const told: OrderRange[] = [];
    try {
      await shared.write(this.id, async (tx) => {
        await tx.scanAfter(this.size, (e, ref) => this.take(e, ref));
        for (const { screened, connectionKey, push } of pushes) {
          const verifyCtx = connectionKey === undefined ? null : await this.verifyContext(connectionKey, screened);
          await this.claimAndStore(screened, verifyCtx, push, (events) => tx.append(events), told);
        }
      });
    } catch (err) {
      // What was judged and indexed here may not be what the storage kept: the room is read afresh.
      this.staleSince = err;
      throw err;
    } finally {
      for (const { push } of pushes) this.releaseClaims(push.fresh);
    }
    for (const range of told) for (const l of this.orderListeners) l(range);
  }

  /**
   * True once a write to shared storage failed: this view of the room may hold what was never committed, so
   * the hub drops it and loads the room again.
   */
  get stale(): boolean {
    return this.staleSince !== null;
  }

  /** Indexes what other hubs stored since this one looked (shared storage); true when there was something. */
  async refresh(): Promise<boolean> {
    const shared = this.shared;
    if (!shared) return false;
    const before = this.size;
    await this.inTurn(() => shared.scanAfter(this.id, this.size, (e, ref) => this.take(e, ref)));
    return this.size > before;
  }

  /** The last position and the id there (null while empty): a beacon of where the room stands. */
  lastPosition(): { n: number; id: string } | null {
    return this.lastId === null ? null : { n: this.size, id: this.lastId };
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(() => {
      if (this.stale) throw new Error(`incident ${this.id} is being read again from storage: retry`);
      return work();
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** A stored event into the index and the rules' book (loading, or catching up with other hubs). */
  private take(e: WarEvent, ref: StoredRef): void {
    if (this.shared && ref.at !== this.refAt.length + 1) {
      throw new Error(`incident ${this.id}: storage gave position ${ref.at} where ${this.refAt.length + 1} was next`);
    }
    if (!this.owners.has(e.origin)) this.owners.set(e.origin, e.actor.id);
    this.index(e, hashId(e.id), ref);
    this.rules.note(e);
  }

  /**
   * Phase 1: the checks each event passes on its own (size, shape, room, author, time), in the order sent (the
   * order the events take in the room), each origin's put in seq order so a batch delivered out of order still
   * chains. What passes becomes a candidate.
   */
  private async screen(raw: readonly unknown[], push: PushState): Promise<Candidate[]> {
    const limitMs = this.now() + MAX_FUTURE_DRIFT_MS;
    const screened: Candidate[] = [];
    const order = chainOrder(raw);
    for (let n = 0; n < order.length; n++) {
      // Parsing a full push (500 events) holds the loop ~20 ms: give other peers' pulls a turn every 100. Safe
      // here: nothing is claimed before the checks in claimAll, which run in one step.
      if (n > 0 && n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const index = order[n]!;
      const size = serialisedSize(raw[index]);
      if (size === null || size > PROTOCOL_LIMITS.eventBytes) {
        refuse(push, index, 'too-large', `event is larger than ${PROTOCOL_LIMITS.eventBytes} bytes`);
        continue;
      }
      const parsed = parseEvent(raw[index]);
      if (!parsed.ok) {
        refuse(push, index, 'invalid', parsed.error, idOf(raw[index]));
        continue;
      }
      const problem = this.screenProblem(parsed.value, push.writer, limitMs);
      if (problem) refuse(push, index, problem.code, problem.reason, parsed.value.id);
      else screened.push({ index, e: parsed.value, hash: hashId(parsed.value.id), bytes: size });
    }
    return screened;
  }

  private screenProblem(e: WarEvent, writer: Actor, limitMs: number): { code: Refusal['code']; reason: string } | null {
    if (e.origin === '__proto__') return { code: 'invalid', reason: 'origin "__proto__" is reserved' };
    if (e.incident !== this.id)
      return { code: 'wrong-incident', reason: `event ${e.id} belongs to incident ${e.incident}, not ${this.id}` };
    if (e.actor.id !== writer.id) {
      return {
        code: 'forged-actor',
        reason: `event ${e.id} is by actor ${e.actor.id}, but this connection is ${writer.id}: post as yourself`,
      };
    }
    if (e.at.ms > limitMs) {
      const when = new Date(e.at.ms).toISOString();
      return {
        code: 'future',
        reason: `event ${e.id} is stamped ${when}, more than ${MAX_FUTURE_DRIFT_MS / 60_000} minutes ahead of the hub's clock`,
      };
    }
    return null;
  }

  /**
   * Phase 2: each candidate against the room (duplicates, slots, identity, rules), claiming what passes so a
   * concurrent push sees it; then phase 3 writes what was claimed. Candidates whose id hash matches a stored event elsewhere are read back and tried
   * again (rare): only then is it known whether they are that event.
   */
  private async claimAndStore(
    candidates: Candidate[],
    verifyCtx: VerifyContext | null,
    push: PushState,
    write?: (events: readonly WarEvent[]) => Promise<StoredRef[]>,
    told?: OrderRange[],
  ): Promise<void> {
    // Stored events whose id was read back and found to differ: an id hash match with them means nothing.
    const notThisId = new Map<string, Set<number>>();
    let pending = candidates;
    while (pending.length > 0) {
      // No await in this loop: the checks and the claims they make are one step, so concurrent pushes see them.
      const unsure = pending.filter((c) => this.claim(c, verifyCtx, push, notThisId.get(c.e.id)) === 'unsure');
      pending = [];
      for (const c of unsure) {
        const others = this.ids.matches(c.hash).filter((n) => !notThisId.get(c.e.id)?.has(n));
        const stored = await this.read(others);
        if (stored.some((s) => s.id === c.e.id)) {
          push.duplicates.push(c.e.id);
          continue;
        }
        let set = notThisId.get(c.e.id);
        if (!set) notThisId.set(c.e.id, (set = new Set()));
        for (const n of others) set.add(n);
        pending.push(c);
      }
    }
    // No await between the last claims and the write's start: a concurrent push then finds these ids in `writing`.
    return this.store(push.fresh, write, told, told ? undefined : push.relayNow);
  }

  /** One candidate's checks and, when it passes, its claims (origin, slot, the rules' notes). */
  private claim(c: Candidate, verifyCtx: VerifyContext | null, push: PushState, notThisId: Set<number> | undefined): 'done' | 'unsure' {
    const { e } = c;
    const inFlight = this.writing.get(e.id);
    if (push.inBatch.has(e.id) || inFlight) {
      if (inFlight) push.waits.push(inFlight);
      push.duplicates.push(e.id);
      return 'done';
    }
    const atSlot = this.origins.get(e.origin)?.find(e.seq) ?? -1;
    // A re-push after a reconnect lands on its own slot with its own id: answered without a read. (Another id
    // with the same 32-bit hash at the same origin and seq could only come from that origin's own writer.)
    if (atSlot >= 0 && this.idHashes[atSlot] === c.hash) {
      push.duplicates.push(e.id);
      return 'done';
    }
    if (this.ids.matches(c.hash).some((n) => n !== atSlot && !notThisId?.has(n))) return 'unsure';
    const problem = this.slotProblem(c, atSlot, verifyCtx, push.writer);
    if (problem) {
      refuse(push, c.index, problem.code, problem.reason, e.id);
      return 'done';
    }
    this.rules.note(e);
    // Claimed before the write so a concurrent push cannot take the same origin or seq meanwhile.
    if (!this.owners.has(e.origin)) {
      this.owners.set(e.origin, push.writer.id);
      push.claimedOrigins.push(e.origin);
    }
    let slots = this.claims.slots.get(e.origin);
    if (!slots) this.claims.slots.set(e.origin, (slots = new Map()));
    slots.set(e.seq, e.id);
    this.unwritten.set(e.id, e);
    push.inBatch.add(e.id);
    push.fresh.push(c);
    return 'done';
  }

  /** Why a new event may not take its place in the room (full, identity, origin, slot, rules), or null. */
  private slotProblem(
    c: Candidate,
    atSlot: number,
    verifyCtx: VerifyContext | null,
    writer: Actor,
  ): { code: Refusal['code']; reason: string } | null {
    const { e } = c;
    if (this.refAt.length + this.unwritten.size >= PROTOCOL_LIMITS.roomEvents || this.totalBytes + c.bytes > PROTOCOL_LIMITS.roomBytes) {
      const most = `${PROTOCOL_LIMITS.roomEvents} events, ${PROTOCOL_LIMITS.roomBytes} bytes`;
      return { code: 'room-full', reason: `incident ${this.id} holds the most a room may (${most})` };
    }
    const identity = verifyCtx && verifyPushedEvent(e, verifyCtx);
    if (identity) return identity;
    const owner = this.owners.get(e.origin);
    if (owner !== undefined && owner !== writer.id) {
      return { code: 'origin-taken', reason: `origin ${e.origin} belongs to another actor: each writer keeps its own origin` };
    }
    const claimed = this.claims.slots.get(e.origin)?.get(e.seq);
    if (atSlot >= 0 || (claimed !== undefined && claimed !== e.id)) {
      const holder = claimed !== undefined ? `event ${claimed}` : 'another event';
      return { code: 'seq-conflict', reason: `origin ${e.origin} seq ${e.seq} already holds ${holder}` };
    }
    // The rules every peer enforces, judged against the room as stored so far (and this batch's earlier events).
    // The hub's road checks neither access (the connection did) nor service-only kinds: the code is a rule's.
    const ruled = gate(this.rules, e, HUB_ROAD);
    return ruled === null ? null : { code: ruled.code as Extract<typeof ruled.code, Refusal['code']>, reason: ruled.reason };
  }

  /**
   * Phase 3: the claimed events written (durably) and indexed. `told`, when given, collects the ranges of
   * positions instead of telling them (shared storage tells them once the write commits).
   */
  private async store(
    fresh: readonly Candidate[],
    writeWith = (events: readonly WarEvent[]) => this.storage.append(this.id, events),
    told?: OrderRange[],
    relayNow?: RelayNow,
  ): Promise<void> {
    if (fresh.length === 0) return;
    const events = fresh.map((c) => c.e);
    const write = writeWith(events);
    for (const e of events) this.writing.set(e.id, write);
    relayNow?.(events, bytesOf(fresh));
    let refs: StoredRef[];
    try {
      refs = await write;
    } finally {
      for (const e of events) this.writing.delete(e.id);
    }
    const from = this.refAt.length + 1;
    if (this.shared && refs[0]?.at !== from) throw new Error(`incident ${this.id}: storage put a write at ${refs[0]?.at}, not at ${from}`);
    fresh.forEach((c, i) => this.index(c.e, c.hash, refs[i]!));
    // Appends resolve in the order they were made (the log store and its adapters commit in order), so these
    // positions follow the ones given out before and every listener hears the ranges in order.
    const range: OrderRange = { from, ids: events.map((e) => e.id) };
    if (told) told.push(range);
    else for (const l of this.orderListeners) l(range);
    for (const l of this.storedListeners) {
      try {
        l(events, range);
      } catch {
        // What listens (webhooks, mail, the status page) must never fail a write peers are waiting for.
      }
    }
  }

  private releaseClaims(fresh: readonly Candidate[]): void {
    for (const c of fresh) {
      this.unwritten.delete(c.e.id);
      const slots = this.claims.slots.get(c.e.origin);
      slots?.delete(c.e.seq);
      if (slots?.size === 0) this.claims.slots.delete(c.e.origin);
    }
  }

  /**
   * What the signature and chain checks need: the predecessor of each pushed event (being written in this or
   * another push, the origin's latest stored event, or, rarely, one read back) and when the incident opened.
   */
  private async verifyContext(connectionKey: string, pending: readonly Candidate[]) {
    const readBack = new Map<string, WarEvent>();
    const wanted: number[] = [];
    const wantedKeys: string[] = [];
    for (const { e } of pending) {
      if (e.seq <= 1 || this.tips.get(e.origin)?.seq === e.seq - 1) continue;
      const n = this.origins.get(e.origin)?.find(e.seq - 1) ?? -1;
      if (n >= 0) {
        wanted.push(n);
        wantedKeys.push(`${e.origin}\u0000${e.seq - 1}`);
      }
    }
    (await this.read(wanted)).forEach((e, i) => readBack.set(wantedKeys[i]!, e));
    return {
      connectionKey,
      eventAt: (origin: string, seq: number): WarEvent | undefined => {
        const writing = this.claims.slots.get(origin)?.get(seq);
        if (writing !== undefined) return this.unwritten.get(writing);
        const tip = this.tips.get(origin);
        return tip?.seq === seq ? tip : readBack.get(`${origin}\u0000${seq}`);
      },
    };
  }

  /** Reads stored events by number, checking each is the one the index expects (the log was not changed under us). */
  private async read(numbers: readonly number[]): Promise<WarEvent[]> {
    if (numbers.length === 0) return [];
    const events = await this.storage.readEvents(
      this.id,
      numbers.map((n) => ({ at: this.refAt[n]!, bytes: this.refBytes[n]! })),
    );
    events.forEach((e, i) => {
      if (e?.incident !== this.id || this.idHashes[numbers[i]!] !== hashId(e.id)) {
        throw new Error(`the stored log of ${this.id} changed under the hub (event ${i} of a read is not the one indexed)`);
      }
    });
    return events;
  }

  /**
   * The stored lines at `numbers`, in that order, each followed by a newline, with each line's span and id.
   * Each line's envelope id must be the one indexed (the log was not changed under us); lines the hub wrote
   * start with it, a line written otherwise (a log brought in from elsewhere) is parsed.
   */
  private async readLines(numbers: readonly number[]): Promise<{ lines: Buffer; spans: Array<[number, number]>; ids: string[] }> {
    const refs = numbers.map((n) => ({ at: this.refAt[n]!, bytes: this.refBytes[n]! }));
    const lines = this.storage.readLines
      ? await this.storage.readLines(this.id, refs)
      : Buffer.from((await this.read(numbers)).map((e) => JSON.stringify(e) + '\n').join(''));
    const spans: Array<[number, number]> = [];
    const ids: string[] = [];
    let start = 0;
    numbers.forEach((n, i) => {
      const end = start + refs[i]!.bytes;
      const lead = leadingId(lines, start, end);
      const id = lead?.id ?? parsedLineId(lines.toString('utf8', start, end), this.id);
      if (id === null || this.idHashes[n] !== (lead?.hash ?? hashId(id))) {
        throw new Error(`the stored log of ${this.id} changed under the hub (event ${i} of a read is not the one indexed)`);
      }
      spans.push([start, end]);
      ids.push(id);
      start = end + 1;
    });
    return { lines, spans, ids };
  }

  private index(e: WarEvent, hash: number, ref: StoredRef): void {
    const n = this.refAt.length;
    this.totalBytes += ref.bytes;
    if ((this.tips.get(e.origin)?.seq ?? 0) < e.seq) this.tips.set(e.origin, e);
    this.lastId = e.id;
    this.refAt.push(ref.at);
    this.refBytes.push(ref.bytes);
    this.idHashes.push(hash);
    this.ids.add(n);
    this.posOrigin.push(e.origin);
    this.posSeq.push(e.seq);
    this.chain = extendChain(this.chain, e);
    let o = this.origins.get(e.origin);
    if (!o) this.origins.set(e.origin, (o = new OriginSeqs()));
    o.insert(e.seq, n);
  }
}

function bytesOf(candidates: readonly Candidate[]): number {
  return candidates.reduce((n, c) => n + c.bytes, 0);
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
/**
 * The batch's indexes in the order sent, except that each origin's events fill that origin's places in seq
 * order: the room takes a push in the writer's order, and an origin's chain needs its events in seq order.
 */
function chainOrder(raw: readonly unknown[]): number[] {
  const order = raw.map((_, i) => i);
  const places = new Map<string, number[]>();
  raw.forEach((input, i) => {
    const { origin } = slotOf(input);
    let list = places.get(origin);
    if (!list) places.set(origin, (list = []));
    list.push(i);
  });
  for (const list of places.values()) {
    const bySeq = [...list].sort((a, b) => slotOf(raw[a]).seq - slotOf(raw[b]).seq || a - b);
    list.forEach((place, k) => (order[place] = bySeq[k]!));
  }
  return order;
}

function slotOf(input: unknown): { origin: string; seq: number } {
  const o = input !== null && typeof input === 'object' ? (input as { origin?: unknown; seq?: unknown }) : {};
  return { origin: typeof o.origin === 'string' ? o.origin : '', seq: typeof o.seq === 'number' && Number.isFinite(o.seq) ? o.seq : 0 };
}

function idOf(input: unknown): string | null {
  const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}
