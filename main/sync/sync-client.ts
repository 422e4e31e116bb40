import { io as connectIo, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { WarEvent } from '../../src/kinds/event.js';
import {
  CLIENT_EVENTS,
  errorAckSchema,
  eventsMessageSchema,
  HUB_EVENTS,
  hubErrorMessageSchema,
  presenceDeltaMessageSchema,
  presenceMessageSchema,
  PROTOCOL_LIMITS,
  pullAckSchema,
  pullLinesAckSchema,
  pushAckSchema,
  mapToVector,
  utf8Length,
  vectorSchema,
  vectorToMap,
  type ClientToHubEvents,
  type Cursor,
  type HubToClientEvents,
  type Member,
} from '../../src/sync/protocol.js';
import { vectorOf, type VersionVector } from '../../src/sync/version-vector.js';
import type { WarRoom } from '../services/war-room.js';
import { entriesOfPages } from '../services/received-lines.js';
import type { ConnectionStatus, SyncTotals } from './sync-status.js';
import { UnsentEvents } from './unsent-events.js';
import { pinnedIoOptions, type PinMismatchError } from './pinned-tls.js';

type ZodLike<T> = {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
};

export type HubSocket = Socket<HubToClientEvents, ClientToHubEvents>;
export type IoFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => HubSocket;

export interface SyncClientOptions {
  warRoom: WarRoom;
  incident: string;
  hubUrl: string;
  token: string;
  /** socket.io-client's `io` by default; tests and TLS setups pass their own (e.g. adding `ca`). */
  ioFactory?: IoFactory;
  /**
   * SHA-256 of the hub's certificate (from the join link): the client then trusts that certificate and no
   * other, and never sends anything to a hub that shows another one.
   */
  fingerprint?: string;
  now?: () => number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** How long to wait for the hub to answer one request before reconnecting. */
  ackTimeoutMs?: number;
  /**
   * The hub's vector as last seen (`hubVector()` from a previous run), so an app started offline does not
   * count long-synced entries as unsynced. Only a hint: the first exchange replaces it.
   */
  hubVectorHint?: VersionVector;
}

/** A refusal the hub sent in an error ack. */
export class HubRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Waiter {
  resolve(t: SyncTotals): void;
  reject(e: Error): void;
  maxConnectFailures: number;
}

/**
 * Keeps one incident's local log and the hub's in line. On every (re)connect it pulls what it lacks (by
 * version vector, in pages) and pushes what the hub lacks (in acked batches); then it pushes each local
 * append as it happens and ingests what the hub relays. Offline is normal: nothing is lost, it waits.
 * Correctness never depends on a message arriving once: a reconnect re-runs the exchange, ids dedupe.
 */
export class SyncClient {
  private socket: HubSocket | null = null;
  /** Bumped on every connect and disconnect: work started in an older session stops at its next step. */
  private session = 0;
  private exchanged = false;
  /** What the hub is known to hold: its contiguous vector, plus ids seen beyond it. */
  private hubHolds = new Map<string, number>();
  private atHub = new Set<string>();
  /**
   * Local events not known to be on the hub, kept up to date as events arrive so that a live event costs
   * O(unsent), not a scan of the whole incident. null = rebuild from the log (after what the hub holds changed).
   */
  private candidates: UnsentEvents | null = null;
  /** Events the hub refused this session (id -> reason): set aside, not retried until the next connection. */
  private refused = new Map<string, string>();
  /**
   * Events the hub refused that are not this app's to deliver: another person signed them (they came from an
   * import or an older hub; only their author's connection may push them, and a rule-breaking one is kept out
   * by every peer's fold and listed in the window as refused). Settled: never resent, never "not yet synced".
   */
  private ruledOut = new Set<string>();
  private readOnly = false;
  /** Pulls ask for big pages as JSON lines, until a hub from before them refuses that as malformed. */
  private bigPages = true;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private stopped = false;
  /** Set when the hub refused the connection itself: retrying cannot help. */
  private blocked: string | null = null;
  private lastTransportError: string | null = null;
  /** Failed connection attempts since the last successful one. */
  private connectFailures = 0;
  /** Who is in the room, by actor id: the hub sends the whole list once on join, then what changed. */
  private members = new Map<string, Member>();
  private current: ConnectionStatus = { state: 'offline', lastSyncedAt: null, unsynced: 0, peers: [] };
  private readonly listeners = new Set<(s: ConnectionStatus) => void>();
  private readonly ackListeners = new Set<(ids: string[]) => void>();
  private waiters: Waiter[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly totals = { sent: 0, received: 0, refused: 0 };
  private readonly now: () => number;

  constructor(private readonly options: SyncClientOptions) {
    this.now = options.now ?? Date.now;
    if (options.hubVectorHint) {
      const hint = vectorSchema.safeParse(options.hubVectorHint);
      if (hint.success) this.hubHolds = vectorToMap(hint.data);
    }
  }

  /** What the hub is known to hold (contiguous per origin): save it and pass it back as `hubVectorHint`. */
  hubVector(): VersionVector {
    return mapToVector(this.hubHolds);
  }

  get incident(): string {
    return this.options.incident;
  }

  /** Why the hub refused the connection itself (bad or expired token, another room), or null. */
  get refusal(): string | null {
    return this.blocked;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells which events the hub has acknowledged as durable (stored now or already held). */
  onAcked(listener: (ids: string[]) => void): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  start(): void {
    if (this.socket || this.stopped) return;
    const { warRoom, incident, hubUrl, token } = this.options;
    const track = (e: WarEvent) => {
      if (this.candidates && !this.isAtHub(e) && !this.refused.has(e.id) && !this.ruledOut.has(e.id)) this.candidates.add(e);
    };
    // Local events go out as soon as they are stamped, while our own fsync runs (see WarRoom.onStamped).
    const offStamped = warRoom.onStamped((id, e) => {
      if (id !== incident) return;
      track(e);
      this.schedulePump();
    });
    const offEvents = warRoom.onEvents((id, events) => {
      if (id !== incident) return;
      events.forEach(track);
      this.schedulePump();
      void this.recount();
    });
    this.unsubscribe = () => {
      offStamped();
      offEvents();
    };
    const factory: IoFactory = this.options.ioFactory ?? ((url, opts) => connectIo(url, opts));
    const socket = factory(hubUrl, {
      // A function, so a reconnect sends the name the person has now, and so every (re)connect proves the key afresh (the proof is dated).
      auth: (cb: (data: object) => void) => {
        const actor = warRoom.actor();
        const signer = warRoom.signer;
        cb(
          signer
            ? { token, incident, actor, key: signer.key, proof: signer.handshakeProof(incident, this.now()) }
            : { token, incident, actor },
        );
      },
      transports: ['websocket'],
      autoConnect: false,
      forceNew: true,
      reconnectionDelay: this.options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 5_000,
      timeout: 10_000,
      ...(this.options.fingerprint ? pinnedIoOptions(this.options.fingerprint, (e) => this.onPinMismatch(e)) : {}),
    });
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err) => this.onConnectError(err));
    socket.on(HUB_EVENTS.events, (m: unknown) => void this.onRelayed(m));
    socket.on(HUB_EVENTS.presence, (m: unknown) => this.onPresence(m));
    socket.on(HUB_EVENTS.presenceDelta, (m: unknown) => this.onPresenceDelta(m));
    socket.on(HUB_EVENTS.error, (m: unknown) => {
      const msg = hubErrorMessageSchema.safeParse(m);
      if (msg.success) this.update({ error: msg.data.error });
    });
    this.update({ state: 'connecting' });
    void this.recount();
    socket.connect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.session++;
    this.unsubscribe?.();
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    await this.pumping?.catch(() => undefined);
    this.members.clear();
    this.update({ state: 'offline', peers: [] });
    this.failWaiters(new Error('sync stopped'));
  }

  /**
   * Resolves once both sides hold the same (the exchange is done and nothing local is unsent, apart from
   * events the hub refused), with the run's counts. Rejects if the hub refuses the connection, on timeout,
   * or after `maxConnectFailures` failed connection attempts in a row (a one-shot CLI should not wait long
   * for a hub that is not there).
   */
  whenSynced(timeoutMs = 30_000, maxConnectFailures = Infinity): Promise<SyncTotals> {
    if (this.blocked) return Promise.reject(new Error(this.blocked));
    return new Promise<SyncTotals>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const why = this.lastTransportError ? `: ${this.lastTransportError}` : '';
        reject(new Error(`could not sync with ${this.options.hubUrl} within ${Math.round(timeoutMs / 1000)} s${why}`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (t) => (clearTimeout(timer), resolve(t)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        maxConnectFailures,
      };
      this.waiters.push(waiter);
      void this.checkSettled();
    });
  }

  private onConnect(): void {
    const session = ++this.session;
    this.exchanged = false;
    // What the hub held last time is not trusted across connections (it may have been restored from a backup).
    this.atHub = new Set();
    this.candidates = null;
    this.refused.clear();
    this.readOnly = false;
    this.lastTransportError = null;
    this.connectFailures = 0;
    this.update({ state: 'connecting', error: undefined });
    this.exchange(session).catch((e: unknown) => this.onSessionError(session, e));
  }

  private onDisconnect(reason: string): void {
    this.session++;
    this.exchanged = false;
    this.members.clear();
    this.update({ state: 'offline', peers: [] });
    // socket.io does not retry after the server itself closed the socket (a restart, an expired token):
    // try again; a refused handshake then stops it for good.
    if (reason === 'io server disconnect' && !this.stopped && !this.blocked) {
      setTimeout(() => !this.stopped && !this.blocked && this.socket?.connect(), this.options.reconnectDelayMs ?? 500).unref?.();
    }
  }

  /** Not a network hiccup: retrying would only knock on the impostor's door again. */
  private onPinMismatch(e: PinMismatchError): void {
    if (this.blocked) return;
    this.blocked = e.message;
    this.socket?.disconnect();
    this.update({ state: 'offline', error: e.message });
    this.failWaiters(new Error(e.message));
  }

  private onConnectError(err: Error & { data?: unknown }): void {
    if (this.blocked) return;
    const code = err.data !== null && typeof err.data === 'object' ? (err.data as { code?: unknown }).code : undefined;
    if (this.socket && !this.socket.active && code === 'unavailable') {
      // The hub is up but its storage is not: worth retrying, unlike a refused token.
      const socket = this.socket;
      setTimeout(() => !this.stopped && socket.connect(), this.options.reconnectDelayMaxMs ?? 5_000).unref?.();
    } else if (this.socket && !this.socket.active) {
      // Refused by the hub's handshake check (bad or expired token, another room): say why, stop.
      this.blocked = err.message;
      this.update({ state: 'offline', error: err.message });
      this.failWaiters(new Error(err.message));
      return;
    }
    // socket.io says "websocket error"; the cause (ECONNREFUSED, a certificate problem) is in `description`.
    const cause = (err as { description?: { message?: unknown } }).description?.message;
    this.lastTransportError = typeof cause === 'string' && cause ? cause : err.message;
    this.connectFailures++;
    this.update({ state: 'offline' });
    const givingUp = this.waiters.filter((w) => this.connectFailures >= w.maxConnectFailures);
    if (givingUp.length) {
      this.waiters = this.waiters.filter((w) => !givingUp.includes(w));
      for (const w of givingUp) w.reject(new Error(`cannot reach the hub at ${this.options.hubUrl}: ${this.lastTransportError}`));
    }
  }

  private onSessionError(session: number, e: unknown): void {
    if (session !== this.session || this.stopped) return;
    const message = e instanceof Error ? e.message : String(e);
    this.update({ error: message });
    // A request that timed out or a reply we cannot read: start over on a fresh connection.
    const socket = this.socket;
    if (socket?.connected) {
      socket.disconnect();
      setTimeout(() => !this.stopped && socket.connect(), this.options.reconnectDelayMs ?? 500).unref?.();
    }
  }

  /** The catch-up: pull pages of what we lack, then let the pump push what the hub lacks. */
  private async exchange(session: number): Promise<void> {
    const { warRoom, incident } = this.options;
    const held = await warRoom.events(incident);
    const vector = vectorOf(held);
    let after: Cursor | null = null;
    let hubVector: Map<string, number> | null = null;
    const batches = new CatchUpBatches(held.length, (batch) => this.takeBatch(batch));
    // The next page is asked for as soon as this one's cursor is known, never waiting for a batch's ingest or
    // write: the hub reads it (and the transfer happens) while a batch is ingested. Ingest gives the event loop
    // back every few ms, so a request's timeout never runs out behind it.
    const ask = (cursor: Cursor | null): Promise<Page> => {
      const p = this.pullPage(vector, cursor);
      p.catch(() => undefined); // awaited below; this only keeps an abandoned one from being "unhandled"
      return p;
    };
    let asking = ask(null);
    try {
      do {
        const page = await asking;
        if (session !== this.session) return;
        hubVector = vectorToMap(page.vector);
        // What the hub holds, as it said just now in this session: what is caught up needs no id remembered.
        this.hubHolds = hubVector;
        after = page.next;
        batches.add(page);
        batches.throwIfFailed();
        if (after) asking = ask(after);
      } while (after);
    } finally {
      // Whatever was pulled is kept, even when the connection dropped mid-way: the next exchange starts from it.
      await batches.finish();
    }
    if (session !== this.session) return;
    this.hubHolds = hubVector;
    this.candidates = null;
    this.exchanged = true;
    await this.recount();
    if (session !== this.session) return;
    this.update({ state: 'connected' });
    this.schedulePump();
  }

  /**
   * One page of a catch-up. Asks for big pages (fewer round trips; the hub's byte cap still holds); a hub
   * older than that limit refuses the request as malformed, and is asked again, from then on, without one.
   */
  private async pullPage(vector: VersionVector, after: Cursor | null): Promise<Page> {
    if (this.bigPages) {
      try {
        const ack = await this.request(
          CLIENT_EVENTS.pull,
          { vector, after, limit: PROTOCOL_LIMITS.pageEvents, format: 'lines' },
          pullLinesAckSchema,
        );
        return { events: null, lines: bufferOf(ack.lines), count: ack.count, next: ack.next, vector: ack.vector };
      } catch (e) {
        if (!(e instanceof HubRefusal && e.code === 'bad-request')) throw e;
        this.bigPages = false;
      }
    }
    const ack = await this.request(CLIENT_EVENTS.pull, { vector, after }, pullAckSchema);
    return { events: ack.events, lines: null, count: ack.events.length, next: ack.next, vector: ack.vector };
  }

  /** Ingests events that came from the hub; they are on the hub by definition. */
  private async take(raw: readonly unknown[], source: 'remote' | 'catch-up' = 'remote'): Promise<void> {
    this.markAtHub(raw);
    if (raw.length === 0) return;
    // Marked before ingesting: ingest tells our own listener, which must not push these back.
    this.counted(await this.options.warRoom.ingest(this.options.incident, raw, source));
  }

  /** Ingests a catch-up batch: pages that came as objects and pages that came as lines. */
  private async takeBatch(batch: Batch): Promise<void> {
    if (batch.events.length) await this.take(batch.events, 'catch-up');
    if (batch.pages.length === 0) return;
    // Every line is within the vector the hub sent with the last page of the batch. While the hub's vector as
    // known now covers that (the usual case), no id needs remembering and the lines are parsed only by ingest.
    if (!covers(this.hubHolds, batch.vector)) this.markAtHub(Array.from(entriesOfPages(batch.pages), (e) => e.raw));
    this.counted(await this.options.warRoom.ingestLines(this.options.incident, batch.pages, 'catch-up'));
  }

  /** Remembers the ids of events the hub holds beyond what its vector says (see isAtHub). */
  private markAtHub(raw: readonly unknown[]): void {
    for (const e of raw) {
      if (e === null || typeof e !== 'object') continue;
      const { id, origin, seq } = e as { id?: unknown; origin?: unknown; seq?: unknown };
      // Within the hub's vector an event is known to be there without remembering its id (a catch-up's all are).
      if (typeof origin === 'string' && typeof seq === 'number' && seq <= (this.hubHolds.get(origin) ?? 0)) continue;
      if (typeof id === 'string') this.atHub.add(id);
    }
  }

  private counted(result: Awaited<ReturnType<WarRoom['ingest']>>): void {
    if (!result.ok) throw new Error(result.error);
    this.totals.received += result.value.added.length;
    if (result.value.rejected.length)
      this.update({ error: `ignored ${result.value.rejected.length} event(s) from the hub: ${result.value.rejected[0]}` });
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

  private onPresence(message: unknown): void {
    const m = presenceMessageSchema.safeParse(message);
    if (!m.success) return;
    this.members = new Map(m.data.members.map((p) => [p.id, p]));
    this.showPresence();
  }

  private onPresenceDelta(message: unknown): void {
    const m = presenceDeltaMessageSchema.safeParse(message);
    if (!m.success) return;
    for (const id of m.data.left) this.members.delete(id);
    for (const p of m.data.changed) this.members.set(p.id, p);
    this.showPresence();
  }

  private showPresence(): void {
    const self = this.options.warRoom.actor().id;
    const peers = [...this.members.values()]
      .filter((p) => p.id !== self)
      .sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, name, role, since }) => ({ id, name, role, since }));
    this.update({ peers });
  }

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
    while (session === this.session && this.exchanged && !this.readOnly && this.socket?.connected) {
      const batch = batchOf((await this.unsent()).inOrder((e) => this.isAtHub(e)));
      if (batch.length === 0) return;
      let ack;
      try {
        ack = await this.request(CLIENT_EVENTS.push, { events: batch }, pushAckSchema);
      } catch (e) {
        if (e instanceof HubRefusal && e.code === 'forbidden') {
          this.readOnly = true;
          this.update({ error: e.message });
          return;
        }
        throw e;
      }
      if (session !== this.session) return;
      for (const id of ack.stored) this.atHub.add(id);
      for (const id of ack.duplicates) this.atHub.add(id);
      this.notifyAcked([...ack.stored, ...ack.duplicates]);
      this.totals.sent += ack.stored.length;
      // Our own refused events stay visible (unsynced, with the reason): teammates will not have them.
      const failed: string[] = [];
      for (const r of ack.refused) {
        const e = batch[r.index];
        const id = e?.id ?? r.id ?? `#${r.index}`;
        if (e !== undefined && this.someoneElses(e)) this.ruledOut.add(id);
        else {
          this.refused.set(id, r.reason);
          failed.push(r.reason);
        }
        if (e) this.candidates?.remove(e);
        this.totals.refused++;
      }
      if (failed.length) this.update({ error: `the hub refused ${failed.length} event(s): ${failed[0]!}` });
      for (const [origin, n] of Object.entries(ack.vector)) if (n > (this.hubHolds.get(origin) ?? 0)) this.hubHolds.set(origin, n);
      await this.recount();
    }
  }

  private async request<T>(event: keyof ClientToHubEvents, payload: object, schema: ZodLike<T>): Promise<T> {
    const socket = this.socket;
    // Never emit while disconnected: socket.io would buffer the packet and send a stale copy later.
    if (!socket?.connected) throw new Error('not connected to the hub');
    let reply: unknown = await socket.timeout(this.options.ackTimeoutMs ?? 15_000).emitWithAck(event, payload);
    let refusal = errorAckSchema.safeParse(reply);
    // Rate-limited: wait as long as the hub says, then ask again (a long offline backlog goes out paced).
    for (let tries = 0; refusal.success && refusal.data.code === 'rate-limited' && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, Math.min(Math.max(refusal.data?.retryAfterMs ?? 1_000, 10), 30_000)));
      if (!socket.connected || this.stopped) throw new Error('not connected to the hub');
      reply = await socket.timeout(this.options.ackTimeoutMs ?? 15_000).emitWithAck(event, payload);
      refusal = errorAckSchema.safeParse(reply);
    }
    if (refusal.success) throw new HubRefusal(refusal.data.code, refusal.data.error);
    const parsed = schema.safeParse(reply);
    if (!parsed.success)
      throw new Error(`the hub sent a reply this app cannot read (${event}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  /** Signed with a key other than this app's: only its author can deliver it to a hub. */
  private someoneElses(e: WarEvent): boolean {
    const mine = this.options.warRoom.signer?.key;
    return mine !== undefined && e.key !== undefined && e.key !== mine;
  }

  private isAtHub(e: WarEvent): boolean {
    return e.seq <= (this.hubHolds.get(e.origin) ?? 0) || this.atHub.has(e.id);
  }

  /** Local events the hub is not known to hold and has not refused, in (origin, seq) order. */
  private async unsent(): Promise<UnsentEvents> {
    if (!this.candidates) {
      const events = await this.options.warRoom.events(this.options.incident);
      const candidates = new UnsentEvents();
      for (const e of events) if (!this.isAtHub(e) && !this.refused.has(e.id) && !this.ruledOut.has(e.id)) candidates.add(e);
      this.candidates ??= candidates;
    }
    this.candidates.dropAcked((e) => this.isAtHub(e));
    return this.candidates;
  }

  private async recount(): Promise<void> {
    if (this.stopped) return;
    // Refused events are not on the hub either: they count as unsynced until a later session stores them.
    const unsynced = (await this.unsent()).size + this.refused.size;
    const patch: Partial<ConnectionStatus> = { unsynced };
    if (this.exchanged && unsynced === 0 && this.socket?.connected) patch.lastSyncedAt = this.now();
    this.update(patch);
  }

  private async checkSettled(): Promise<void> {
    if (this.waiters.length === 0 || !this.exchanged || this.pumping || !this.socket?.connected) return;
    const session = this.session;
    const pending = (await this.unsent()).size;
    if (pending > 0 && !this.readOnly) return;
    if (session !== this.session || !this.exchanged || this.pumping) return;
    const totals: SyncTotals = { ...this.totals, unsynced: this.current.unsynced };
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(totals);
  }

  private failWaiters(e: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(e);
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

  private update(patch: Partial<ConnectionStatus>): void {
    const next: ConnectionStatus = { ...this.current, ...patch };
    if ('error' in patch && patch.error === undefined) delete next.error;
    const s = this.current;
    if (
      s.state === next.state &&
      s.lastSyncedAt === next.lastSyncedAt &&
      s.unsynced === next.unsynced &&
      s.peers === next.peers &&
      s.error === next.error
    ) {
      return;
    }
    this.current = next;
    for (const l of this.listeners) {
      try {
        l(next);
      } catch {
        // A broken listener must not stop sync.
      }
    }
  }
}

/** One catch-up page, whichever way the hub sent it. */
interface Page {
  /** Envelopes (parsed JSON, not yet validated), when the hub sent them as objects. */
  events: unknown[] | null;
  /** The page as the hub's JSON lines: parsed only when ingested (WarRoom.ingestLines). */
  lines: Buffer | null;
  count: number;
  next: Cursor | null;
  vector: VersionVector;
}

/** Catch-up pages waiting to be ingested together. */
interface Batch {
  events: unknown[];
  pages: Buffer[];
  count: number;
  /** The hub's vector with the latest page: every event of the batch is within it. */
  vector: VersionVector;
}

/**
 * The smallest batch worth ingesting once the incident holds this many events: a page usually lands in the past
 * of what is held (pages come in (origin, seq) order, not time order), so each ingest costs a merge pass over
 * the whole log. A batch as big as what is held keeps those passes a small multiple of one (and the first page
 * still shows at once); the cap keeps the last batch, ingested after the last page came, from being half the room.
 */
function batchThreshold(held: number): number {
  return Math.min(Math.max(PROTOCOL_LIMITS.batchEvents, held), CATCH_UP_BATCH_CAP);
}

/** See batchThreshold: a merge pass over 1M held events costs ~30 ms, ingesting 50k events ~1 s. */
const CATCH_UP_BATCH_CAP = 50_000;

/**
 * A catch-up's pages waiting to be ingested, and the one batch being ingested. Pages are added as they come
 * (kept as bytes, cheap to hold), never waiting for an ingest: when a batch is done (durable), the next one is
 * whatever has come meanwhile, once it is big enough (batchThreshold). Batches are ingested one at a time, in
 * order, so each sees the ones before it.
 */
class CatchUpBatches {
  private waiting = emptyBatch();
  private running: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  private finished = false;

  constructor(
    private ingested: number,
    private readonly take: (batch: Batch) => Promise<void>,
  ) {}

  add(page: Page): void {
    addPage(this.waiting, page);
    this.kick();
  }

  /** Stops the pulling as soon as an ingest failed (the disk refused, a bad batch). */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Ingests whatever is left, however small; resolves once all of it is durable. */
  async finish(): Promise<void> {
    this.finished = true;
    this.kick();
    while (this.running) {
      await this.running;
      this.kick();
    }
    this.throwIfFailed();
  }

  private kick(): void {
    if (this.running || this.failure || this.waiting.count === 0) return;
    if (!this.finished && this.waiting.count < batchThreshold(this.ingested)) return;
    const batch = this.waiting;
    this.waiting = emptyBatch();
    this.ingested += batch.count;
    this.running = this.take(batch).then(
      () => {
        this.running = null;
        this.kick();
      },
      (error: unknown) => {
        this.running = null;
        this.failure = { error };
      },
    );
  }
}

function emptyBatch(): Batch {
  return { events: [], pages: [], count: 0, vector: {} };
}

function addPage(batch: Batch, page: Page): void {
  if (page.lines) batch.pages.push(page.lines);
  if (page.events) for (const e of page.events) batch.events.push(e);
  batch.count += page.count;
  batch.vector = page.vector;
}

function bufferOf(data: Uint8Array | ArrayBuffer): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** True when `held` holds at least `vector`. */
function covers(held: ReadonlyMap<string, number>, vector: VersionVector): boolean {
  return Object.entries(vector).every(([origin, n]) => (held.get(origin) ?? 0) >= n);
}

/** The next batch: at most batchEvents events and batchBytes bytes, never less than one event. */
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
