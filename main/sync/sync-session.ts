import type { WarEvent } from '../../src/kinds/event.js';
import {
  CLIENT_EVENTS,
  channelsAckSchema,
  type ChannelsAck,
  errorAckSchema,
  eventsMessageSchema,
  headAckSchema,
  headMessageSchema,
  HUB_EVENTS,
  hubErrorMessageSchema,
  PROTOCOL_LIMITS,
  orderMessageSchema,
  pullAckSchema,
  pushAckSchema,
  utf8Length,
} from '../../src/sync/protocol.js';
import { rangeEnd, type OrderRange, type SignedHead } from '../../src/model/room-order.js';
import { vectorOf, type VersionVector } from '../../src/sync/version-vector.js';
import { bufferOf, CatchUpBatches, rawEventsOfLines, type Batch, type Page } from './catch-up-batches.js';
import { HubHoldings } from './hub-holdings.js';
import { HubRefusal, type ClientRequest, type HubMessage, type HubTransport, type TransportListener } from './hub-transport.js';
import type { IngestResult, RoomPort } from './room-port.js';
import { RoomMembers } from './room-members.js';
import { StatusCell } from './status-cell.js';
import type { ConnectionStatus, SyncTotals } from './sync-status.js';
import { SyncWaiters } from './sync-waiters.js';

type ZodLike<T> = {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
};

export interface SyncSessionOptions {
  port: RoomPort;
  transport: HubTransport;
  /** The hub's URL, for messages only (the transport knows how to reach it). */
  hubUrl: string;
  now?: () => number;
  /** How long to wait for the hub to answer one request before reconnecting. */
  ackTimeoutMs?: number;
  /** The hub's vector as last seen (`hubVector()` of a previous run): see HubHoldings. */
  hubVectorHint?: VersionVector;
}

/**
 * The sync protocol for one incident, over any transport (hub-transport.ts) and any log (room-port.ts). On
 * every (re)connect it pulls what it lacks (by version vector, in pages) and pushes what the hub lacks (in
 * acked batches); then it pushes each local append as it happens and ingests what the hub relays. Offline is
 * normal: nothing is lost, it waits. Correctness never depends on a message arriving once: a reconnect re-runs
 * the exchange, ids dedupe.
 */
export class SyncSession implements TransportListener {
  /** Bumped on every connect and disconnect: work started in an older connection stops at its next step. */
  private session = 0;
  private exchanged = false;
  private readOnly = false;
  /** An exchange is running (a live position that leaves a gap waits for it, then asks again). */
  private exchanging = false;
  /** The furthest position any head from the hub named: an exchange that ends short of it runs again. */
  private hubPosition = 0;
  /** Set when the hub's order contradicted itself or came from another hub: positions are no longer taken. */
  private orderProblem: string | null = null;
  /** Teammates' heads past what this peer holds yet: held against its order once it gets there. */
  private laterHeads: Array<{ from: string; head: SignedHead }> = [];
  /** The head last told to the room, and the timer that tells the next one. */
  private toldHead: string | null = null;
  private headTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while positions wait for events that should have come with them (see pullIfStillBehind). */
  private behindTimer: ReturnType<typeof setTimeout> | null = null;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private started = false;
  private stopped = false;
  /** Set when retrying cannot help (the hub refused the connection itself, or the certificate is wrong). */
  private blocked: string | null = null;
  private lastTransportError: string | null = null;
  /** Failed connection attempts since the last successful one. */
  private connectFailures = 0;
  private readonly holdings: HubHoldings;
  private readonly members = new RoomMembers();
  private readonly waiters = new SyncWaiters();
  private readonly cell = new StatusCell();
  private readonly ackListeners = new Set<(ids: string[]) => void>();
  private unsubscribe: (() => void) | null = null;
  private readonly totals = { sent: 0, received: 0, refused: 0 };
  private readonly now: () => number;

  constructor(private readonly options: SyncSessionOptions) {
    this.now = options.now ?? Date.now;
    this.holdings = new HubHoldings(options.hubVectorHint);
  }

  /** What the hub is known to hold (contiguous per origin): save it and pass it back as `hubVectorHint`. */
  hubVector(): VersionVector {
    return this.holdings.hubVector();
  }

  get incident(): string {
    return this.options.port.incident;
  }

  /** Why the hub refused the connection itself (bad or expired token, another room), or null. */
  get refusal(): string | null {
    return this.blocked;
  }

  status(): ConnectionStatus {
    return this.cell.value;
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    return this.cell.listen(listener);
  }

  /** Tells which events the hub has acknowledged as durable (stored now or already held). */
  onAcked(listener: (ids: string[]) => void): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const { port } = this.options;
    // Local events go out as soon as they are stamped, while our own fsync runs.
    const offLocal = port.onLocal((e) => {
      this.holdings.track(e);
      this.schedulePump();
    });
    const offAdded = port.onAdded((events) => {
      events.forEach((e) => this.holdings.track(e));
      this.schedulePump();
      void this.recount();
    });
    this.unsubscribe = () => (offLocal(), offAdded());
    this.cell.update({ state: 'connecting' });
    void this.recount();
    this.options.transport.start(this);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.session++;
    this.unsubscribe?.();
    if (this.headTimer) clearTimeout(this.headTimer);
    if (this.behindTimer) clearTimeout(this.behindTimer);
    this.options.transport.stop();
    await this.pumping?.catch(() => undefined);
    this.members.clear();
    this.cell.update({ state: 'offline', peers: [] });
    this.waiters.failAll(new Error('sync stopped'));
  }

  /**
   * Resolves once both sides hold the same (the exchange is done and nothing local is unsent, apart from
   * events the hub refused), with the run's counts. Rejects if the hub refuses the connection, on timeout,
   * or after `maxConnectFailures` failed connection attempts in a row (a one-shot CLI should not wait long
   * for a hub that is not there).
   */
  whenSynced(timeoutMs = 30_000, maxConnectFailures = Infinity): Promise<SyncTotals> {
    if (this.blocked) return Promise.reject(new Error(this.blocked));
    const waiting = this.waiters.wait(timeoutMs, maxConnectFailures, () => {
      const why = this.lastTransportError ? `: ${this.lastTransportError}` : '';
      return `could not sync with ${this.options.hubUrl} within ${Math.round(timeoutMs / 1000)} s${why}`;
    });
    void this.checkSettled();
    return waiting;
  }

  // --- what the transport tells us (TransportListener) ---

  connected(): void {
    if (this.blocked) return;
    const session = ++this.session;
    this.exchanged = false;
    this.holdings.newConnection();
    this.readOnly = false;
    this.lastTransportError = null;
    this.connectFailures = 0;
    this.cell.update({ state: 'connecting', error: undefined });
    this.exchange(session).catch((e: unknown) => this.onSessionError(session, e));
  }

  disconnected(): void {
    this.session++;
    this.exchanged = false;
    this.members.clear();
    this.cell.update({ state: 'offline', peers: [] });
  }

  failed({ message, final }: { message: string; final: boolean }): void {
    if (this.blocked) return;
    if (final) {
      this.blocked = message;
      this.cell.update({ state: 'offline', error: message });
      this.waiters.failAll(new Error(message));
      return;
    }
    this.lastTransportError = message;
    this.connectFailures++;
    this.cell.update({ state: 'offline' });
    this.waiters.failImpatient(this.connectFailures, new Error(`cannot reach the hub at ${this.options.hubUrl}: ${message}`));
  }

  /** Retrying cannot help (found by the session itself, not the transport): stop, say why. */
  private block(message: string): void {
    this.failed({ message, final: true });
    this.options.transport.stop();
  }

  message(name: HubMessage, payload: unknown): void {
    if (name === HUB_EVENTS.events) void this.onRelayed(payload);
    else if (name === HUB_EVENTS.order) void this.onOrdered(payload);
    else if (name === HUB_EVENTS.head) void this.onTeammateHead(payload);
    else if (name === HUB_EVENTS.presence) this.members.takeWhole(payload) && this.showPresence();
    else if (name === HUB_EVENTS.presenceDelta) this.members.takeDelta(payload) && this.showPresence();
    else if (name === HUB_EVENTS.error) {
      const msg = hubErrorMessageSchema.safeParse(payload);
      if (msg.success) this.cell.update({ error: msg.data.error });
    }
  }

  // --- the exchange: pull what we lack ---

  private onSessionError(session: number, e: unknown): void {
    if (session !== this.session || this.stopped) return;
    this.cell.update({ error: e instanceof Error ? e.message : String(e) });
    // A request that timed out or a reply we cannot read: start over on a fresh connection.
    this.options.transport.reconnect();
  }

  /**
   * The catch-up: pull the room's agreed order from the last position known here, with the lines of the events
   * this peer lacks, then let the pump push what the hub lacks. Runs again when a head named more than it got.
   */
  private async exchange(session: number): Promise<void> {
    this.exchanging = true;
    try {
      let position = await this.options.port.orderPosition();
      for (;;) {
        await this.pullAll(session);
        if (session !== this.session) return;
        const reached = await this.options.port.orderPosition();
        // A round that moved nothing will not move the next one either: the events left were refused here
        // (altered, forged: ingest named them) or are missing. Asking again at once would pull the same pages
        // forever; the next exchange asks again.
        if (reached >= this.hubPosition || this.orderProblem || reached === position) break;
        position = reached;
      }
    } finally {
      this.exchanging = false;
    }
    this.holdings.rebuildUnsent();
    this.exchanged = true;
    await this.recount();
    if (session !== this.session) return;
    this.cell.update({ state: 'connected' });
    this.toldHead = null;
    this.tellHeadSoon();
    this.schedulePump();
  }

  private async pullAll(session: number): Promise<void> {
    const { port } = this.options;
    const vector = vectorOf(await port.events());
    const batches = new CatchUpBatches((await port.events()).length, (batch) => this.takeBatch(batch));
    // The next page is asked for as soon as this one's position is known, never waiting for a batch's ingest or
    // write: the hub reads it (and the transfer happens) while a batch is ingested. Ingest gives the event loop
    // back every few ms, so a request's timeout never runs out behind it.
    const ask = (after: number): Promise<Page> => {
      const p = this.pullPage(vector, after);
      p.catch(() => undefined); // awaited below; this only keeps an abandoned one from being "unhandled"
      return p;
    };
    let asking = ask(await port.orderPosition());
    let next: number | null = null;
    try {
      do {
        const page = await asking;
        if (session !== this.session) return;
        // What the hub holds, as it said just now in this session: what is caught up needs no id remembered.
        this.holdings.replaceVector(page.vector);
        this.hubPosition = Math.max(this.hubPosition, page.head?.n ?? 0);
        next = page.next;
        batches.add(page);
        batches.throwIfFailed();
        if (next !== null) asking = ask(next);
      } while (next !== null);
    } finally {
      // Whatever was pulled is kept, even when the connection dropped mid-way: the next exchange starts from it.
      await batches.finish();
    }
  }

  /** One page of the room in its agreed order, after position `after`. */
  private async pullPage(vector: VersionVector, after: number): Promise<Page> {
    let ack;
    try {
      ack = await this.request(CLIENT_EVENTS.pull, { vector, after, limit: PROTOCOL_LIMITS.pageEvents }, pullAckSchema);
    } catch (e) {
      // A hub from before the agreed order refuses the request's shape: asking again cannot help.
      if (e instanceof HubRefusal && e.code === 'bad-request') this.block(OLD_HUB);
      throw e;
    }
    return { lines: bufferOf(ack.lines), count: ack.count, order: ack.order, next: ack.next, vector: ack.vector, head: ack.head };
  }

  /** Ingests events that came from the hub; they are on the hub by definition. */
  private async take(raw: readonly unknown[], source: 'remote' | 'catch-up' = 'remote'): Promise<void> {
    // Marked before ingesting: ingest tells our own listener, which must not push these back.
    this.holdings.mark(raw);
    if (raw.length === 0) return;
    this.counted(await this.options.port.ingest(raw, source));
  }

  /** Ingests a catch-up batch: the events' lines, then their positions. */
  private async takeBatch(batch: Batch): Promise<void> {
    if (batch.pages.length > 0) {
      // Every line is within the vector the hub sent with the last page of the batch. While the hub's vector as
      // known now covers that (the usual case), no id needs remembering and the lines are parsed only by ingest.
      if (!this.holdings.covers(batch.vector)) this.holdings.mark(rawEventsOfLines(batch.pages));
      this.counted(await this.options.port.ingestLines(batch.pages));
    }
    if (batch.order) await this.takeOrder(batch.order, batch.head);
  }

  /** Positions from the hub, from a page or a live message. A gap waits for (or starts) the next exchange. */
  private async takeOrder(range: OrderRange, head: SignedHead | null): Promise<void> {
    if (this.orderProblem) return;
    if (head) this.hubPosition = Math.max(this.hubPosition, head.n);
    const taken = await this.options.port.ingestOrder(range, head);
    if (taken.ok) {
      if (taken.value.position < rangeEnd(range)) this.pullIfStillBehind(rangeEnd(range));
      this.tellHeadSoon();
      await this.checkLaterHeads();
      return;
    }
    if (taken.code === 'order-gap') {
      // A live position beyond what a catch-up brought so far: the running exchange, or a new one, fetches it.
      if (!this.exchanging && this.exchanged && this.options.transport.connected)
        this.exchange(this.session).catch((e: unknown) => this.onSessionError(this.session, e));
      return;
    }
    if (taken.code !== 'order-conflict' && taken.code !== 'other-hub' && taken.code !== 'bad-head') throw new Error(taken.error);
    // The hub contradicted what it said before, or speaks with another key: nothing more from it is ordered.
    this.orderProblem = taken.error;
    this.cell.update({ error: `the hub's order of events cannot be trusted: ${taken.error}` });
  }

  /**
   * Positions came whose events did not. The hub sends an event before its position, so they are normally here
   * already; with several hubs, a message published while Redis was away (or by a hub that died just after its
   * commit) never comes. If the position still waits after a moment, the events are pulled.
   */
  private pullIfStillBehind(end: number): void {
    if (this.behindTimer || this.stopped) return;
    this.behindTimer = setTimeout(() => {
      this.behindTimer = null;
      const session = this.session;
      void (async () => {
        if (this.exchanging || !this.exchanged || !this.options.transport.connected) return;
        if ((await this.options.port.orderPosition()) >= end || session !== this.session) return;
        await this.exchange(session);
      })().catch((e: unknown) => this.onSessionError(session, e));
    }, WAITING_EVENTS_MS);
    this.behindTimer.unref?.();
  }

  /**
   * A teammate's head, relayed by the hub: the hub signed it, so if it names another chain at a position this
   * peer holds, the hub told the two of them different histories. Said plainly, and no more positions are taken.
   */
  private async onTeammateHead(message: unknown): Promise<void> {
    const m = headMessageSchema.safeParse(message);
    if (!m.success || this.orderProblem) return;
    await this.holdHead(m.data.from.name, m.data.head);
  }

  private async holdHead(from: string, head: SignedHead): Promise<void> {
    const r = await this.options.port.checkHead(head);
    if (r.ok) {
      if (r.value === 'unknown' && this.laterHeads.length < 16) this.laterHeads.push({ from, head });
      return;
    }
    if (r.code !== 'forked-order') return;
    this.orderProblem = r.error;
    this.cell.update({
      error: `the hub gave ${from} a different history of this incident than it gave this machine (${r.error}): do not trust this hub; tell its operator. Nothing here was changed.`,
    });
  }

  private async checkLaterHeads(): Promise<void> {
    const later = this.laterHeads;
    this.laterHeads = [];
    for (const { from, head } of later) await this.holdHead(from, head);
  }

  /** Tells the room this peer's latest head, at most once a second, so teammates can hold it against theirs. */
  private tellHeadSoon(): void {
    if (this.headTimer || this.stopped) return;
    this.headTimer = setTimeout(() => {
      this.headTimer = null;
      void this.tellHead().catch(() => undefined);
    }, 1_000);
    (this.headTimer as { unref?: () => void }).unref?.();
  }

  private async tellHead(): Promise<void> {
    const head = await this.options.port.latestHead();
    // Told even once this peer knows the hub forked: the others then learn it too.
    if (!head || !this.options.transport.connected || JSON.stringify(head) === this.toldHead) return;
    this.toldHead = JSON.stringify(head);
    await this.request(CLIENT_EVENTS.head, { head }, headAckSchema);
  }

  private async onOrdered(message: unknown): Promise<void> {
    const m = orderMessageSchema.safeParse(message);
    if (!m.success) return;
    const session = this.session;
    try {
      await this.takeOrder(m.data.range, m.data.head);
    } catch (e) {
      this.onSessionError(session, e);
    }
  }

  private counted(result: IngestResult): void {
    if (!result.ok) throw new Error(result.error);
    this.totals.received += result.value.added.length;
    if (result.value.rejected.length)
      this.cell.update({ error: `ignored ${result.value.rejected.length} event(s) from the hub: ${result.value.rejected[0]}` });
  }

  private async onRelayed(message: unknown): Promise<void> {
    const m = eventsMessageSchema.safeParse(message);
    if (!m.success) return;
    const session = this.session;
    try {
      await this.take(m.data.events);
      if (session === this.session) await this.recount();
    } catch (e) {
      this.onSessionError(session, e);
    }
  }

  private showPresence(): void {
    this.cell.update({ peers: this.members.peers(this.options.port.actor().id) });
  }

  // --- the pump: push what the hub lacks ---

  private schedulePump(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumpAgain = false;
    const session = this.session;
    this.pumping = this.pump(session)
      .catch((e: unknown) => this.onSessionError(session, e))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) this.schedulePump();
        else void this.checkSettled();
      });
  }

  /** Pushes what the hub lacks, oldest first per origin, one acked batch at a time. */
  private async pump(session: number): Promise<void> {
    while (session === this.session && this.exchanged && !this.readOnly && this.options.transport.connected) {
      const batch = batchOf((await this.unsent()).inOrder((e) => this.holdings.has(e)));
      if (batch.length === 0) return;
      let ack;
      try {
        ack = await this.request(CLIENT_EVENTS.push, { events: batch }, pushAckSchema);
      } catch (e) {
        if (!(e instanceof HubRefusal && e.code === 'forbidden')) throw e;
        this.readOnly = true;
        this.cell.update({ error: e.message });
        return;
      }
      if (session !== this.session) return;
      this.holdings.markIds(ack.stored);
      this.holdings.markIds(ack.duplicates);
      this.notifyAcked([...ack.stored, ...ack.duplicates]);
      this.totals.sent += ack.stored.length;
      this.setAsideRefused(batch, ack.refused);
      this.holdings.raiseVector(ack.vector);
      await this.recount();
    }
  }

  /** Our own refused events stay visible (unsynced, with the reason): teammates will not have them. */
  private setAsideRefused(batch: readonly WarEvent[], refused: ReadonlyArray<{ index: number; id: string | null; reason: string }>): void {
    const failed: string[] = [];
    for (const r of refused) {
      const e = batch[r.index];
      const id = e?.id ?? r.id ?? `#${r.index}`;
      const someoneElses = e !== undefined && this.someoneElses(e);
      this.holdings.refuse(e, id, r.reason, someoneElses);
      if (!someoneElses) failed.push(r.reason);
      this.totals.refused++;
    }
    if (failed.length) this.cell.update({ error: `the hub refused ${failed.length} event(s): ${failed[0]!}` });
  }

  /** What the hub does with this room beyond sync: its status page, email and webhooks (`hub:channels`). */
  async channels(): Promise<ChannelsAck> {
    return this.request(CLIENT_EVENTS.channels, {}, channelsAckSchema);
  }

  private async request<T>(name: ClientRequest, payload: object, schema: ZodLike<T>): Promise<T> {
    const { transport } = this.options;
    const timeout = this.options.ackTimeoutMs ?? 15_000;
    let reply = await transport.request(name, payload, timeout);
    let refusal = errorAckSchema.safeParse(reply);
    // Rate-limited: wait as long as the hub says, then ask again (a long offline backlog goes out paced).
    for (let tries = 0; refusal.success && refusal.data.code === 'rate-limited' && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, Math.min(Math.max(refusal.data?.retryAfterMs ?? 1_000, 10), 30_000)));
      if (!transport.connected || this.stopped) throw new Error('not connected to the hub');
      reply = await transport.request(name, payload, timeout);
      refusal = errorAckSchema.safeParse(reply);
    }
    if (refusal.success) throw new HubRefusal(refusal.data.code, refusal.data.error);
    const parsed = schema.safeParse(reply);
    if (!parsed.success)
      throw new Error(`the hub sent a reply this app cannot read (${name}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  /** Signed with a key other than this app's: only its author can deliver it to a hub. */
  private someoneElses(e: WarEvent): boolean {
    const mine = this.options.port.key;
    return mine !== undefined && e.key !== undefined && e.key !== mine;
  }

  private unsent() {
    return this.holdings.unsent(() => this.options.port.events());
  }

  private async recount(): Promise<void> {
    if (this.stopped) return;
    // Refused events are not on the hub either: they count as unsynced until a later session stores them.
    const unsynced = (await this.unsent()).size + this.holdings.refused.size;
    const patch: Partial<ConnectionStatus> = { unsynced };
    if (this.exchanged && unsynced === 0 && this.options.transport.connected) patch.lastSyncedAt = this.now();
    this.cell.update(patch);
  }

  private async checkSettled(): Promise<void> {
    if (!this.waiters.any || !this.exchanged || this.pumping || !this.options.transport.connected) return;
    const session = this.session;
    const pending = (await this.unsent()).size;
    if (pending > 0 && !this.readOnly) return;
    if (session !== this.session || !this.exchanged || this.pumping) return;
    this.waiters.resolveAll({ ...this.totals, unsynced: this.cell.value.unsynced });
  }

  private notifyAcked(ids: string[]): void {
    if (ids.length === 0) return;
    for (const l of this.ackListeners) {
      try {
        l(ids);
      } catch {
        // A broken listener must not stop sync.
      }
    }
  }
}

/** How long positions may wait for their events before they are pulled. */
const WAITING_EVENTS_MS = 1_500;

const OLD_HUB =
  'this is an older War Room hub, from before rooms had one agreed order of events: update the hub (its host runs the newest warroom hub); nothing here was lost';

/** The next push batch: at most batchEvents events and batchBytes bytes, never less than one event. */
function batchOf(events: Iterable<WarEvent>): WarEvent[] {
  const out: WarEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = utf8Length(JSON.stringify(e));
    if (out.length >= PROTOCOL_LIMITS.batchEvents || (out.length > 0 && bytes + size > PROTOCOL_LIMITS.batchBytes)) break;
    out.push(e);
    bytes += size;
  }
  return out;
}
