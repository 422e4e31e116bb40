import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import { MAX_FUTURE_DRIFT_MS } from '../../src/model/hlc.js';
import type { VersionVector } from '../../src/sync/version-vector.js';
import { PROTOCOL_LIMITS, utf8Length, type Cursor, type Refusal } from '../../src/sync/protocol.js';
import type { LogIssue } from '../services/incident-log-store.js';
import { hashId, IdHashTable, OriginSeqs, type StoredRef } from './hub-room-index.js';
import type { HubStorage } from './hub-storage.js';
import { preverifySignatures, verifyPushedEvent, type VerifyContext } from './event-verifier.js';
import { gate } from '../../src/kinds/rules.js';
import { RulesBook } from '../../src/kinds/rules-book.js';

export interface PushOutcome {
  /** Events durable on the hub for the first time: to be broadcast to the room. */
  stored: WarEvent[];
  /** Bytes of the stored events' JSON: what relaying them costs in a message. */
  storedBytes: number;
  duplicates: string[];
  refused: Refusal[];
}

export interface PullLinesPage {
  /** The page's events as JSON lines, each ending in a newline, in (origin, seq) order. */
  lines: Buffer;
  count: number;
  next: Cursor | null;
  bytes: number;
}

const LINE_HEAD = Buffer.from('{"v":1,"id":"');

const HUB_ROAD = { road: 'hub' } as const;
/**
 * hashId of the envelope id a stored line starts with (`{"v":1,"id":"...`), read from the bytes (ids are
 * ASCII, so bytes are char codes): no string per event. null when the line does not start so.
 */
function leadingIdHash(buf: Buffer, start: number, end: number): number | null {
  const from = start + LINE_HEAD.length;
  if (from >= end || buf.compare(LINE_HEAD, 0, LINE_HEAD.length, start, from) !== 0) return null;
  let h = 0x811c9dc5;
  for (let i = from; i < end && i < from + 65; i++) {
    const c = buf[i]!;
    if (c === 0x22) return i > from ? h | 0 : null;
    if (c === 0x5c || c >= 0x80) return null;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return null;
}

export interface PullPage {
  events: WarEvent[];
  next: Cursor | null;
  /** Bytes of the page's JSON, from sizes already measured: what a pull's rate limit charges. */
  bytes: number;
}

interface Candidate {
  index: number;
  e: WarEvent;
  hash: number;
  bytes: number;
}

/** One push as it is checked: what it was answered so far and what it claimed. */
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
  /** Origins with stored events, in order: pages walk them without sorting. */
  private readonly originOrder: string[] = [];
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

  private constructor(
    readonly id: string,
    private readonly storage: HubStorage,
    private readonly now: () => number,
  ) {
    this.rules = new RulesBook(id);
  }

  static async load(id: string, storage: HubStorage, now: () => number): Promise<HubRoom> {
    const room = new HubRoom(id, storage, now);
    // While loading only: the ids seen, to skip a stored duplicate (logs merged by hand, say) exactly. Dropped
    // once loaded; from then on the id hashes and a read-back answer the same question.
    const seen = new Set<string>();
    const { issues } = await storage.scanRoom(id, (e, ref) => {
      if (e.incident !== id || seen.has(e.id) || (room.origins.get(e.origin)?.find(e.seq) ?? -1) >= 0) return;
      seen.add(e.id);
      if (!room.owners.has(e.origin)) room.owners.set(e.origin, e.actor.id);
      room.index(e, hashId(e.id), ref);
      room.rules.note(e);
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

  /**
   * The stored events a peer with vector `theirs` lacks, in (origin, seq) order, strictly after `after`.
   * Events being written are left out: the peer is already in the room and gets them by broadcast.
   */
  async pull(theirs: ReadonlyMap<string, number>, after: Cursor | null, limit: number): Promise<PullPage> {
    const { picked, next, bytes } = this.pick(theirs, after, limit, PROTOCOL_LIMITS.batchBytes);
    if (picked.length === 0) return { events: [], next: null, bytes: 0 };
    this.running++;
    try {
      return { events: await this.read(picked), next, bytes };
    } finally {
      this.running--;
    }
  }

  /**
   * The same page as `pull`, as the stored JSON lines (one per event, each ending in a newline): nothing is
   * parsed or re-encoded, which is most of what serving a catch-up costs the hub.
   */
  async pullLines(theirs: ReadonlyMap<string, number>, after: Cursor | null, limit: number): Promise<PullLinesPage> {
    const { picked, next, bytes } = this.pick(theirs, after, limit, PROTOCOL_LIMITS.linesPageBytes);
    if (picked.length === 0) return { lines: Buffer.alloc(0), count: 0, next: null, bytes: 0 };
    this.running++;
    try {
      return { lines: await this.readLines(picked), count: picked.length, next, bytes };
    } finally {
      this.running--;
    }
  }

  /** Which stored events (by number) make the page (at most `limit`, about `maxBytes`), where the next page starts, and the page's bytes. */
  private pick(
    theirs: ReadonlyMap<string, number>,
    after: Cursor | null,
    limit: number,
    maxBytes: number,
  ): { picked: number[]; next: Cursor | null; bytes: number } {
    const picked: number[] = [];
    let next: Cursor | null = null;
    let last: Cursor | null = null;
    let budget = maxBytes;
    walk: for (let oi = after ? this.firstOriginFrom(after.origin) : 0; oi < this.originOrder.length; oi++) {
      const origin = this.originOrder[oi]!;
      const o = this.origins.get(origin)!;
      const floor = Math.max(theirs.get(origin) ?? 0, after && origin === after.origin ? after.seq : 0);
      for (let i = o.firstAbove(floor); i < o.seqs.length; i++) {
        const n = o.events[i]!;
        const size = this.refBytes[n]!;
        if (last && (picked.length >= limit || size > budget)) {
          next = last;
          break walk;
        }
        picked.push(n);
        last = { origin, seq: o.seqs[i]! };
        budget -= size;
      }
    }
    return { picked, next, bytes: maxBytes - budget };
  }

  /**
   * Checks and durably stores events pushed by `writer`. Valid events are written even when others in the
   * same batch are refused; each refusal says why. Resolves after the write is on disk.
   */
  async push(raw: readonly unknown[], writer: Actor, connectionKey?: string): Promise<PushOutcome> {
    this.running++;
    try {
      return await this.pushChecked(raw, writer, connectionKey);
    } finally {
      this.running--;
    }
  }

  private async pushChecked(raw: readonly unknown[], writer: Actor, connectionKey: string | undefined): Promise<PushOutcome> {
    const push: PushState = { writer, refused: [], duplicates: [], fresh: [], waits: [], claimedOrigins: [], inBatch: new Set() };
    const screened = await this.screen(raw, push);
    // Signatures are checked here, in slices between other peers' work, on the events parsed above (once).
    if (connectionKey !== undefined) await preverifySignatures(screened.map((c) => c.e));
    const verifyCtx = connectionKey === undefined ? null : await this.verifyContext(connectionKey, screened);
    try {
      await this.claimAll(screened, verifyCtx, push);
      await this.store(push.fresh);
    } catch (err) {
      for (const o of push.claimedOrigins) if (!this.origins.has(o)) this.owners.delete(o);
      throw err;
    } finally {
      this.releaseClaims(push.fresh);
    }
    // A duplicate of an event still being written is acked only once that write is durable.
    await Promise.all(push.waits);
    // Shape refusals come first, slot refusals second: report them in the batch's order.
    push.refused.sort((a, b) => a.index - b.index);
    const stored = push.fresh.map((c) => c.e);
    return { stored, storedBytes: push.fresh.reduce((n, c) => n + c.bytes, 0), duplicates: push.duplicates, refused: push.refused };
  }

  /**
   * Phase 1: the checks each event passes on its own (size, shape, room, author, time), in (origin, seq) order
   * so a batch delivered out of order still chains. What passes becomes a candidate.
   */
  private async screen(raw: readonly unknown[], push: PushState): Promise<Candidate[]> {
    const limitMs = this.now() + MAX_FUTURE_DRIFT_MS;
    const screened: Candidate[] = [];
    const order = raw.map((_, i) => i).sort((a, b) => compareSlots(raw[a], raw[b]) || a - b);
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
   * concurrent push sees it. Candidates whose id hash matches a stored event elsewhere are read back and tried
   * again (rare): only then is it known whether they are that event.
   */
  private async claimAll(candidates: Candidate[], verifyCtx: VerifyContext | null, push: PushState): Promise<void> {
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
    // The gate every road passes, judged against the room as stored so far (and this batch's earlier events).
    // The hub's road checks neither access (the connection did) nor service-only kinds: the code is a rule's.
    const ruled = gate(this.rules, e, HUB_ROAD);
    return ruled === null ? null : { code: ruled.code as Extract<typeof ruled.code, Refusal['code']>, reason: ruled.reason };
  }

  /** Phase 3: the claimed events written (durably) and indexed. */
  private async store(fresh: readonly Candidate[]): Promise<void> {
    if (fresh.length === 0) return;
    const events = fresh.map((c) => c.e);
    const write = this.storage.append(this.id, events);
    for (const e of events) this.writing.set(e.id, write);
    let refs: StoredRef[];
    try {
      refs = await write;
    } finally {
      for (const e of events) this.writing.delete(e.id);
    }
    fresh.forEach((c, i) => this.index(c.e, c.hash, refs[i]!));
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

  private async readLines(numbers: readonly number[]): Promise<Buffer> {
    const refs = numbers.map((n) => ({ at: this.refAt[n]!, bytes: this.refBytes[n]! }));
    if (!this.storage.readLines) {
      const events = await this.read(numbers);
      return Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));
    }
    const lines = await this.storage.readLines(this.id, refs);
    // The same check as `read`, mostly without parsing: each line's envelope id must be the one indexed. Lines
    // the hub wrote start with it; a line written otherwise (a log brought in from elsewhere) is parsed.
    let start = 0;
    numbers.forEach((n, i) => {
      const end = start + refs[i]!.bytes;
      let hash = leadingIdHash(lines, start, end);
      if (hash === null) {
        const id = this.idOfLine(lines.toString('utf8', start, end));
        hash = id === null ? null : hashId(id);
      }
      if (hash === null || this.idHashes[n] !== hash) {
        throw new Error(`the stored log of ${this.id} changed under the hub (event ${i} of a read is not the one indexed)`);
      }
      start = end + 1;
    });
    return lines;
  }

  private idOfLine(line: string): string | null {
    try {
      const e = JSON.parse(line) as Partial<WarEvent> | null;
      return e?.incident === this.id && typeof e.id === 'string' ? e.id : null;
    } catch {
      return null;
    }
  }

  private index(e: WarEvent, hash: number, ref: StoredRef): void {
    const n = this.refAt.length;
    this.totalBytes += ref.bytes;
    if ((this.tips.get(e.origin)?.seq ?? 0) < e.seq) this.tips.set(e.origin, e);
    this.refAt.push(ref.at);
    this.refBytes.push(ref.bytes);
    this.idHashes.push(hash);
    this.ids.add(n);
    let o = this.origins.get(e.origin);
    if (!o) {
      this.origins.set(e.origin, (o = new OriginSeqs()));
      this.originOrder.splice(this.firstOriginFrom(e.origin), 0, e.origin);
    }
    o.insert(e.seq, n);
  }

  /** Position in `originOrder` of the first origin >= `origin`. */
  private firstOriginFrom(origin: string): number {
    let lo = 0;
    let hi = this.originOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.originOrder[mid]! < origin) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
