import type { Actor } from '../src/model/envelope.js';
import type { WarEvent } from '../src/kinds/event.js';
import { parseEvent } from '../src/kinds/event.js';
import { MAX_FUTURE_DRIFT_MS } from '../src/model/hlc.js';
import { fail, ok, type Result } from '../src/model/result.js';
import type { OrderRange, SignedHead } from '../src/model/room-order.js';
import { IncidentFolder } from '../src/incident/incident-folder.js';
import type { RefusedEvent } from '../src/model/incident-state.js';
import type { IngestResult, RoomPort } from '../main/sync/room-port.js';
import type { HubChallenge } from '../main/sync/hub-challenge-client.js';
import { rawEventsOfLines } from '../main/sync/catch-up-batches.js';
import { SignedRoom } from '../src/model/signed-room.js';
import { EventChecks, notBeforeOpening } from './identity/event-checks.js';
import { toBase64url } from './identity/base64url.js';

/** This page's key pair: made when the page opens, never stored, gone when it closes. */
export interface PageKey {
  key: string;
  actor: Actor;
  sign(text: string): Promise<string>;
}

export interface BrowserRoomListener {
  events?(events: WarEvent[]): void;
  order?(range: OrderRange): void;
  /** Events this page refused (a signature that does not hold, a forged author): kept out, and said so. */
  keptOut?(refused: RefusedEvent[]): void;
}

/** Checks of signatures run this many at a time (WebCrypto works off the main thread; the page stays responsive). */
const CHECK_BATCH = 256;
/** chain(n) is kept at every CHAIN_MARK-th position, so a teammate's head is checked without hashing from the start. */
const CHAIN_MARK = 256;

/**
 * One incident as the browser view holds it: in memory only, folded with the shared IncidentFolder in the room's
 * agreed order, every event checked on arrival as any peer checks it (EventChecks, with the browser's crypto),
 * the hub's heads checked against their signature and against the chain of what it gave. It is the sync session's
 * RoomPort, so the page speaks the protocol through the same SyncSession the app uses.
 */
export class BrowserRoom implements RoomPort {
  readonly folder: IncidentFolder;
  /** Events refused here, with why (the window lists them with the rules' refusals). */
  readonly keptOut: RefusedEvent[] = [];
  private head: SignedHead | null = null;
  private readonly byOrigin = new Map<string, Map<number, WarEvent>>();
  /** Whether this room is signed: an unsigned event then proves nothing and is refused. */
  private readonly signedRoom = new SignedRoom();
  private readonly chainMarks = new Map<number, Uint8Array>();
  private openedAt: number | undefined;
  private readonly listeners = new Set<BrowserRoomListener>();
  private readonly added = new Set<(events: readonly WarEvent[]) => void>();

  constructor(
    readonly incident: string,
    private readonly checks: EventChecks,
    private readonly me: PageKey,
    private readonly now: () => number = Date.now,
  ) {
    this.folder = new IncidentFolder(incident);
  }

  get key(): string {
    return this.me.key;
  }

  actor(): Actor {
    return this.me.actor;
  }

  listen(listener: BrowserRoomListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async handshake(token: string, challenge: HubChallenge): Promise<object> {
    const { actor, key } = this.me;
    const sig = await this.me.sign(EventChecks.handshakeText(this.incident, actor.id, challenge.nonce, challenge.hub));
    return { token, incident: this.incident, actor, key, proof: { ...challenge, sig } };
  }

  async events(): Promise<readonly WarEvent[]> {
    return this.folder.events;
  }

  ingestLines(pages: readonly Uint8Array[]): Promise<IngestResult> {
    return this.ingest(rawEventsOfLines(pages), 'catch-up');
  }

  async ingest(raw: readonly unknown[], _source?: string): Promise<IngestResult> {
    const rejected: string[] = [];
    const candidates: WarEvent[] = [];
    const seen = new Set<string>();
    for (const input of raw) {
      const e = parseEvent(input);
      if (!e.ok) rejected.push(e.error);
      else if (e.value.incident !== this.incident) rejected.push(`event ${e.value.id} belongs to incident ${e.value.incident}`);
      else if (!this.folder.has(e.value.id) && !seen.has(e.value.id)) {
        seen.add(e.value.id);
        candidates.push(e.value);
      }
    }
    const refused: RefusedEvent[] = [];
    const keep = (e: WarEvent, refusal: { code: string; reason: string } | null): boolean => {
      if (refusal === null) return true;
      const { code, reason } = refusal;
      rejected.push(reason);
      refused.push({ id: e.id, at: e.at.ms, actor: e.actor, kind: e.kind, code, reason });
      return false;
    };
    const valid: WarEvent[] = [];
    // Unsigned events stand only in a legacy room: the batch's own signed opening counts (src/model/signed-room.ts).
    const room = this.signedRoom.copy();
    for (const e of candidates) room.note(e);
    for (let i = 0; i < candidates.length; i += CHECK_BATCH) {
      const slice = candidates.slice(i, i + CHECK_BATCH);
      const verdicts = await Promise.all(slice.map((e) => this.checks.check(e)));
      for (const [j, e] of slice.entries()) {
        if (!keep(e, verdicts[j] ?? room.refusal(e))) continue;
        if (!keep(e, await this.orderedChecks(e))) continue;
        this.remember(e);
        valid.push(e);
      }
    }
    const fresh = this.folder.add(valid);
    if (refused.length) {
      this.keptOut.push(...refused);
      for (const l of this.listeners) l.keptOut?.(refused);
    }
    if (fresh.length) {
      for (const l of this.listeners) l.events?.(fresh);
      for (const l of this.added) l(fresh);
    }
    return ok({ added: fresh, rejected });
  }

  /** What depends on what came before: time bounds, and the link to the origin's previous event when it is here. */
  private async orderedChecks(e: WarEvent): Promise<{ code: string; reason: string } | null> {
    const early = notBeforeOpening(e, this.openedAt);
    if (early) return early;
    if (e.at.ms > this.now() + MAX_FUTURE_DRIFT_MS)
      return {
        code: 'too-late',
        reason: `event ${e.id}: timestamp ${new Date(e.at.ms).toISOString()} is more than 5 minutes ahead of this clock`,
      };
    if (e.sig === undefined) return null;
    const predecessor = this.byOrigin.get(e.origin)?.get(e.seq - 1);
    return predecessor ? this.checks.checkChain(e, predecessor) : null;
  }

  private remember(e: WarEvent): void {
    this.signedRoom.note(e);
    let seqs = this.byOrigin.get(e.origin);
    if (!seqs) this.byOrigin.set(e.origin, (seqs = new Map()));
    seqs.set(e.seq, e);
    if (e.kind === 'incident.opened' && e.id === this.incident && this.openedAt === undefined) this.openedAt = e.at.ms;
  }

  async orderPosition(): Promise<number> {
    return this.folder.position;
  }

  /** Positions from the hub: its head must be its own (the first key that ordered this room) and signed. */
  async ingestOrder(range: OrderRange, head: SignedHead | null): Promise<Result<{ position: number }>> {
    if (head) {
      if (!(await this.checks.headHolds(this.incident, head)))
        return fail(`the hub's signature on the order of ${this.incident} does not hold`, 'bad-head');
      if (this.head && this.head.hub !== head.hub)
        return fail(`this incident's order was given by another hub (key ${this.head.hub.slice(0, 12)}…)`, 'other-hub');
    }
    const before = this.folder.position;
    const taken = this.folder.order(range);
    if (!taken.ok) return fail(taken.error, taken.code);
    if (head && (this.head === null || head.n >= this.head.n)) this.head = head;
    // The hub's own head, once this page holds that far: the events it gave must chain to what it signed.
    if (this.head && this.head.n <= this.folder.position && this.head.n > 0 && (await this.chainAt(this.head.n)) !== this.head.h)
      return fail(`the events the hub gave do not chain to the head it signed at position ${this.head.n}`, 'order-conflict');
    if (this.folder.position !== before || range.ids.length) for (const l of this.listeners) l.order?.(range);
    return ok({ position: this.folder.position });
  }

  async checkHead(head: SignedHead): Promise<Result<'match' | 'unknown'>> {
    if (!(await this.checks.headHolds(this.incident, head)))
      return fail(`a head for ${this.incident} whose signature does not hold`, 'bad-head');
    if (this.head?.hub !== head.hub || head.n > this.folder.position) return ok('unknown');
    if ((await this.chainAt(head.n)) === head.h) return ok('match');
    return fail(`the hub signed two different histories of this incident up to position ${head.n}`, 'forked-order');
  }

  async latestHead(): Promise<SignedHead | null> {
    return this.head;
  }

  /** Nothing is written in this page: a viewer has no local events. */
  onLocal(): () => void {
    return () => undefined;
  }

  onAdded(listener: (events: readonly WarEvent[]) => void): () => void {
    this.added.add(listener);
    return () => this.added.delete(listener);
  }

  /** base64url of chain(n), from the nearest kept mark below n. */
  private async chainAt(n: number): Promise<string> {
    let start = Math.floor(n / CHAIN_MARK) * CHAIN_MARK;
    while (start > 0 && !this.chainMarks.has(start)) start -= CHAIN_MARK;
    let h = start === 0 ? await this.checks.orderGenesis(this.incident) : this.chainMarks.get(start)!;
    const events = this.folder.events;
    for (let i = start; i < n; i++) {
      h = await this.checks.extendChain(h, events[i]!);
      if ((i + 1) % CHAIN_MARK === 0) this.chainMarks.set(i + 1, h);
    }
    return toBase64url(h);
  }
}
