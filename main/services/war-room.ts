import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import { HybridClock, compareHlc, observe } from '../../src/model/hlc.js';
import { newEventId, newIncidentId, newOriginId } from '../../src/model/ids.js';
import { KIND_SCHEMAS, isEventKind, type EventDataInput, type EventKind } from '../../src/kinds/index.js';
import { describeZodIssues, fail, ok, type Result } from '../../src/model/result.js';
import { SEVERITIES } from '../../src/model/vocabulary.js';
import { checkAgainstState } from '../../src/incident/commands.js';
import { gate, type Access, type Road } from '../../src/kinds/rules.js';
import { rulesViewOf } from '../../src/kinds/rules-view.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import type { IncidentState, RefusedEvent } from '../../src/model/incident-state.js';
import type { IncidentListEntry } from '../../src/ipc/contract.js';
import type { IncidentLogStore, LogIssue } from './incident-log-store.js';
import { normalizeName } from '../../src/model/name-normal.js';
import { importIncident, type ImportOptions, type ImportReport } from './incident-importer.js';
import { eventHash, newOriginFor, type Signer } from '../identity/event-signature.js';
import { IngestVerifier } from '../identity/ingest-verifier.js';
import { entriesOfEvents, entriesOfPages, LineSpans, type Entry } from './received-lines.js';
import { incidentMetrics } from '../../src/incident/incident-metrics.js';
import type { OrderRange, SignedHead } from '../../src/model/room-order.js';
import { extendChain, headSignatureHolds, orderGenesis } from '../identity/room-chain.js';

/**
 * What an ingest took in: `added`, the new events (durable); `rejected`, why events that are not valid were not
 * stored; `refused`, the added events the gate (src/kinds/rules.ts, judged by the fold) keeps out of the state,
 * with code and reason: they stay in the log, as on the hub that relayed them, and show as refused. Listed when
 * they were applied in place (live events); a catch-up into the past lists them in the state when next read.
 */
export interface Ingested {
  added: WarEvent[];
  rejected: string[];
  refused: RefusedEvent[];
}

/** An event ingest refused, and where it came in the batch. */
interface Refused {
  at: number;
  reason: string;
}

/** Two lists of refusals, each in arrival order, as one list of reasons in arrival order. */
function mergeByPosition(a: readonly Refused[], b: readonly Refused[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.at < b[j]!.at)) out.push(a[i++]!.reason);
    else out.push(b[j++]!.reason);
  }
  return out;
}

/** The longest ingest works before letting other work run (see ingest). */
const INGEST_SLICE_MS = 30;

/** Where events came from: written here, live from a peer, or history caught up on (a join, a reconnect). */
export type EventSource = 'local' | 'remote' | 'catch-up';
export type EventsListener = (incident: string, events: WarEvent[], source: EventSource) => void;
/** Told of positions a hub gave out in an incident's agreed order (the windows fold in that order too). */
export type OrderListener = (incident: string, range: OrderRange) => void;
/** Told of events that arrived and were kept out: their signature, author or chain does not hold. */
export type KeptOutListener = (incident: string, refused: RefusedEvent[]) => void;
/** Told of a local event as soon as it is stamped, before it is durable here: for the sync client only. */
export type StampedListener = (incident: string, event: WarEvent) => void;

export interface WarRoomOptions {
  store: IncidentLogStore;
  /** Who is writing: the person's stable id and display name. */
  actor: () => Actor;
  now?: () => number;
  /** This process's writer id; a fresh one per process keeps (origin, seq) gapless without cross-process locks. */
  origin?: string;
  /**
   * This person's key: events are then signed, and the actor id and origin derive from it (the name still
   * comes from `actor`). Without one (tests of the fold and the store) events are written unsigned.
   */
  signer?: Signer | (() => Signer);
}

interface OpenIncident {
  folder: IncidentFolder;
  nextSeq: number;
  issues: LogIssue[];
  /** Bytes of the log file this process has read, to pick up appends made by other processes. */
  size: number;
  /** Hash of this process's last event in the incident: the next one names it as `prev`. */
  lastHash: string | undefined;
  /** Checks signatures and chains of what arrives from elsewhere. */
  verifier: IngestVerifier;
  /** The last signed head of the agreed order the hub gave (its key is the one this room's order is held to). */
  head: SignedHead | null;
  /** chain(n) at every CHAIN_MARK-th position computed so far (positions never change, so neither do these). */
  chainMarks: Map<number, Buffer>;
  /**
   * The last chain(n) computed: teammates' heads name the newest position, the same one each time, so a check
   * starts here instead of up to CHAIN_MARK positions back (with 20 peers that was most of a live event's cost).
   */
  chainTip: { n: number; h: Buffer } | null;
}

const CHAIN_MARK = 512;

/**
 * The war-room facade: the one road every change takes, whether it comes from the UI (IPC), the CLI or a
 * peer. Validates, stamps (id, clock, author), appends durably, folds, then tells listeners.
 */
export class WarRoom {
  private ownOrigin: string | undefined;
  private readonly clock: HybridClock;
  private readonly open = new Map<string, Promise<OpenIncident>>();
  private readonly listeners = new Set<EventsListener>();
  private readonly stampedListeners = new Set<StampedListener>();
  private readonly orderListeners = new Set<OrderListener>();
  private readonly keptOutListeners = new Set<KeptOutListener>();
  private readonly inFlight = new Set<Promise<void>>();
  /** How this person joined each shared room (src/kinds/rules.ts: a viewer writes nothing); unlisted: editor. */
  private readonly access = new Map<string, Access>();

  constructor(private readonly options: WarRoomOptions) {
    this.clock = new HybridClock(options.now ?? Date.now);
  }

  /** Derived from the key, so first asked for once the key is loaded (the app loads it when Electron is ready). */
  get origin(): string {
    this.ownOrigin ??= this.options.origin ?? (this.signer ? newOriginFor(this.signer.key) : newOriginId());
    return this.ownOrigin;
  }

  private get store(): IncidentLogStore {
    return this.options.store;
  }

  actor(): Actor {
    const declared = this.options.actor();
    const signer = this.signer;
    // Written normalised (src/model/name-normal.ts), as every receiver requires: a pasted zero-width or bidi
    // character is dropped here rather than refused at the hub.
    const name = normalizeName(declared.name) || declared.name;
    return signer ? { id: signer.actorId, name } : { id: declared.id, name };
  }

  /** The key this process signs with, if any (the sync client proves it to the hub). */
  get signer(): Signer | undefined {
    const s = this.options.signer;
    return typeof s === 'function' ? s() : s;
  }

  onEvents(listener: EventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onKeptOut(listener: KeptOutListener): () => void {
    this.keptOutListeners.add(listener);
    return () => this.keptOutListeners.delete(listener);
  }

  onOrder(listener: OrderListener): () => void {
    this.orderListeners.add(listener);
    return () => this.orderListeners.delete(listener);
  }

  /**
   * Hears local events before their fsync, so the sync client can push them to the hub while this disk
   * writes: one fsync less on the path to teammates. Safe because the hub is another durable copy, and a
   * crash before our fsync only loses what the hub then sends back.
   */
  onStamped(listener: StampedListener): () => void {
    this.stampedListeners.add(listener);
    return () => this.stampedListeners.delete(listener);
  }

  async listIncidents(): Promise<IncidentListEntry[]> {
    const ids = await this.store.list();
    const items: IncidentListEntry[] = [];
    for (const id of ids) {
      const { state } = (await this.load(id)).folder;
      items.push({
        id,
        title: state.title,
        severity: state.severity,
        status: state.status,
        openedAt: state.openedAt,
        lastEventAt: state.lastEventAt,
        entries: state.hypotheses.length + state.actions.length + state.notes.length,
        metrics: incidentMetrics(state),
      });
    }
    return items.sort((a, b) => b.lastEventAt - a.lastEventAt);
  }

  /** Tells how this person joined an incident's room (the sync manager, the CLI's hub session); null: not shared. */
  joinedAs(incident: string, access: Access | null): void {
    if (access === null || access === 'editor') this.access.delete(incident);
    else this.access.set(incident, access);
  }

  /** True once this process has replayed the incident's log (it is open in a window or syncing). */
  isLoaded(incident: string): boolean {
    return this.open.has(incident);
  }

  async exists(incident: string): Promise<boolean> {
    return this.store.exists(incident);
  }

  async createIncident(input: { title: string; severity?: string; summary?: string }): Promise<Result<WarEvent>> {
    const severity = input.severity ?? 'SEV2';
    if (!(SEVERITIES as readonly string[]).includes(severity)) return fail(`severity must be one of ${SEVERITIES.join(', ')}`);
    const id = newIncidentId();
    return this.record(id, 'incident.opened', { title: input.title, severity, ...(input.summary ? { summary: input.summary } : {}) });
  }

  /** The incident's folded state, replaying its log on first use. */
  async state(incident: string): Promise<IncidentState> {
    return (await this.load(incident)).folder.state;
  }

  async events(incident: string): Promise<readonly WarEvent[]> {
    return (await this.load(incident)).folder.events;
  }

  /** Problems found when the log was replayed (torn tail cut, corrupt lines skipped). */
  async issues(incident: string): Promise<LogIssue[]> {
    return (await this.load(incident)).issues;
  }

  /**
   * Writes one event authored here. Resolves after the event is durable on this disk, or with the reason it
   * was refused (bad data, a target that does not exist or does not fit); nothing is written then.
   *
   * The check, stamp and fold run synchronously (no await between them), so concurrent writes see each other
   * and seq stays gapless, while their appends overlap and share one fsync (group commit).
   *
   * `road`: `window` for the window's generic event:record channel (it may not record the kinds only services
   * record); everything else (the app's services, the CLI) is `service`. Either way the event passes the one
   * gate (src/kinds/rules.ts) before anything is written.
   */
  async record<K extends EventKind>(
    incident: string,
    kind: K,
    data: EventDataInput<K> | unknown,
    road: Extract<Road, 'window' | 'service'> = 'service',
  ): Promise<Result<WarEvent>> {
    if (!isEventKind(kind)) return fail(`unknown event kind "${String(kind)}"`, 'invalid');
    const parsed = KIND_SCHEMAS[kind].safeParse(data);
    if (!parsed.success) return fail(`invalid ${kind}: ${describeZodIssues(parsed.error.issues)}`, 'invalid');
    const isNew = kind === 'incident.opened';
    if (!isNew && !this.open.has(incident) && !(await this.exists(incident))) return fail(`no incident "${incident}"`, 'not-found');
    const open = await this.load(incident);
    const check = checkAgainstState(open.folder.state, kind, parsed.data as Record<string, unknown>);
    if (!check.ok) return check;
    const event = parseEvent({
      v: 1,
      id: isNew ? incident : newEventId(),
      incident,
      origin: this.origin,
      seq: open.nextSeq,
      at: this.clock.tick(),
      actor: this.actor(),
      kind,
      data: parsed.data,
    });
    if (!event.ok) return event;
    // The gate every road passes (src/kinds/rules.ts): refused here with its code and reason rather than written
    // and then kept out of the state by every fold.
    const refusal = gate(rulesViewOf(open.folder.state), event.value, { road, access: this.access.get(incident) });
    if (refusal !== null) return fail(refusal.reason, refusal.code);
    const signer = this.signer;
    const chained = signer ? signer.signChained(event.value, open.lastHash) : null;
    const stamped = chained ? chained.signed : event.value;
    if (chained) open.lastHash = chained.hash;
    open.nextSeq++;
    open.folder.add([stamped]);
    open.verifier.remember(stamped, open.lastHash);
    for (const l of this.stampedListeners) l(incident, stamped);
    const saved = await this.persist(incident, [stamped]);
    if (!saved.ok) return saved;
    this.emit(incident, [stamped], 'local');
    return ok(stamped);
  }

  /**
   * Takes events from elsewhere (a peer via the hub, an import). Each is re-validated; duplicates are
   * ignored; one stamped too far in the future is refused. Resolves, once the new ones are durable, with them.
   */
  async ingest(incident: string, events: readonly unknown[], source: Exclude<EventSource, 'local'> = 'remote'): Promise<Result<Ingested>> {
    return this.ingestEntries(incident, entriesOfEvents(events), null, source);
  }

  /**
   * As ingest, for pages of JSON lines as a hub sends them in a catch-up: each line is parsed when its turn
   * comes, and the fresh ones are written to our log as received, not encoded again.
   */
  async ingestLines(
    incident: string,
    pages: readonly Uint8Array[],
    source: Exclude<EventSource, 'local'> = 'catch-up',
  ): Promise<Result<Ingested>> {
    return this.ingestEntries(incident, entriesOfPages(pages), new LineSpans(), source);
  }

  private async ingestEntries(
    incident: string,
    entries: Iterable<Entry>,
    spans: LineSpans | null,
    source: Exclude<EventSource, 'local'>,
  ): Promise<Result<Ingested>> {
    const open = await this.load(incident);
    const { candidates, positions, unread } = await this.readEntries(incident, open, entries, spans);
    // Signatures, key-derived ids, chains and lower time bound, the batch at once by its hash chains: the same
    // checks the hub makes, with one signature verified per origin run instead of one per event.
    const verdicts = await open.verifier.checkBatch(candidates);
    const valid: WarEvent[] = [];
    const turnedAway: Refused[] = [];
    const keptOut: RefusedEvent[] = [];
    candidates.forEach((e, i) => {
      const kept = verdicts.refusals[i]?.reason;
      // Altered on the way or forged: never stored, so the window hears of it here, not from the fold.
      if (kept) keptOut.push({ id: e.id, at: e.at.ms, actor: e.actor, kind: e.kind, code: verdicts.refusals[i]!.code, reason: kept });
      const reason = kept ?? this.clockRefusal(e);
      if (reason !== null) return void turnedAway.push({ at: positions[i]!, reason });
      valid.push(e);
      open.verifier.remember(e, verdicts.hashes[i]);
    });
    if (keptOut.length) for (const l of this.keptOutListeners) l(incident, keptOut);
    // Reasons in the order the events came, whichever step refused them.
    const rejected = mergeByPosition(unread, turnedAway);
    const refusedBefore = open.folder.refusedCount;
    const fresh = open.folder.add(valid);
    const refused = refusedBefore === null ? [] : (open.folder.refusedAmong(fresh, refusedBefore) ?? []);
    // Shown as soon as folded: these are already durable on the hub (or in the file being imported), so
    // waiting for our own fsync would only delay what teammates wrote.
    if (fresh.length) this.emit(incident, fresh, source);
    // The write starts once the I/O already waiting has been handled (the next relayed message, a window's
    // request): issuing it costs the event loop more than checking and folding a live event does.
    if (source === 'remote' && fresh.length) await yieldToLoop();
    const saved = await this.persist(incident, fresh, spans && spans.runsFor(candidates, fresh));
    if (!saved.ok) return saved;
    return ok({ added: fresh, rejected, refused });
  }

  /** One stamped too far ahead of this clock is refused (the clock would otherwise jump with it). */
  private clockRefusal(e: WarEvent): string | null {
    const seen = this.clock.receive(e.at);
    return seen.ok ? null : `event ${e.id}: ${seen.error}`;
  }

  /** Parses what arrived: events of this incident this peer lacks (with their lines' spans), and what is not. */
  private async readEntries(
    incident: string,
    open: OpenIncident,
    entries: Iterable<Entry>,
    spans: LineSpans | null,
  ): Promise<{ candidates: WarEvent[]; positions: number[]; unread: Refused[] }> {
    const candidates: WarEvent[] = [];
    const positions: number[] = [];
    const unread: Refused[] = [];
    let sliceStart = performance.now();
    let at = 0;
    for (const entry of entries) {
      // A catch-up batch can be tens of thousands of events: give the event loop back now and then, so the
      // window, timers and the next page's request are not held up.
      if ((++at & 255) === 0 && performance.now() - sliceStart > INGEST_SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
      const e = parseEvent(entry.raw);
      if (!e.ok) unread.push({ at, reason: e.error });
      else if (e.value.incident !== incident) unread.push({ at, reason: `event ${e.value.id} belongs to incident ${e.value.incident}` });
      else if (!open.folder.has(e.value.id)) {
        candidates.push(e.value);
        positions.push(at);
        spans?.push(entry);
      }
    }
    return { candidates, positions, unread };
  }

  /**
   * Takes positions of the agreed order from the hub, with the head it signed when it gave them. The head
   * must be signed by the key this room's order was first given with (another key is another hub's story);
   * positions must agree with those given before. Kept beside the log, told to listeners, then folded in.
   */
  async ingestOrder(incident: string, range: OrderRange, head: SignedHead | null): Promise<Result<{ position: number }>> {
    const open = await this.load(incident);
    if (head) {
      if (!headSignatureHolds(incident, head)) return fail(`the hub's signature on the order of ${incident} does not hold`, 'bad-head');
      const pinned = open.head?.hub;
      if (pinned !== undefined && pinned !== head.hub) {
        return fail(
          `this incident's order was given by another hub (key ${pinned.slice(0, 12)}…) than this one (${head.hub.slice(0, 12)}…)`,
          'other-hub',
        );
      }
    }
    const before = open.folder.position;
    const taken = open.folder.order(range);
    if (!taken.ok) return fail(taken.error, taken.code);
    if (head && (open.head === null || head.n >= open.head.n)) open.head = head;
    try {
      // As for events (ingestEntries): the write waits for the I/O already waiting, a live event's among it.
      await yieldToLoop();
      await this.store.order(incident).append(range, head ?? undefined);
    } catch (e) {
      // Folded already; only the copy beside the log is missing, and the hub gives it again on the next exchange.
      return fail(`could not keep the order of ${incident} in ${this.store.dir}: ${(e as Error).message}`, 'io');
    }
    if (open.folder.position !== before || range.ids.length) for (const l of this.orderListeners) l(incident, range);
    return ok({ position: open.folder.position });
  }

  /** True once a hub has ordered the incident (its order, not the log's, is the agreed one). */
  async isHubOrdered(incident: string): Promise<boolean> {
    return (await this.load(incident)).folder.ordered;
  }

  /**
   * Holds a teammate's signed head against this machine's own order: 'match' when the hub told both the same,
   * 'unknown' when this machine cannot tell yet (it holds fewer positions, or another hub signed it). A head
   * the hub signed for position n with another chain than the one its positions here give is proof that the
   * hub told two peers two stories: refused with code 'forked-order'.
   */
  async checkHead(incident: string, head: SignedHead): Promise<Result<'match' | 'unknown'>> {
    const open = await this.load(incident);
    if (!headSignatureHolds(incident, head)) return fail(`a head for ${incident} whose signature does not hold`, 'bad-head');
    if (open.head?.hub !== head.hub || head.n > open.folder.position) return ok('unknown');
    const mine = this.chainAt(open, head.n).toString('base64url');
    if (mine === head.h) return ok('match');
    return fail(`the hub signed two different histories of this incident up to position ${head.n}`, 'forked-order');
  }

  private chainAt(open: OpenIncident, n: number): Buffer {
    let start = Math.floor(n / CHAIN_MARK) * CHAIN_MARK;
    while (start > 0 && !open.chainMarks.has(start)) start -= CHAIN_MARK;
    let h = start === 0 ? orderGenesis(open.folder.incidentId) : open.chainMarks.get(start)!;
    const tip = open.chainTip;
    if (tip && tip.n <= n && tip.n >= start) [start, h] = [tip.n, tip.h];
    const events = open.folder.events;
    for (let i = start; i < n; i++) {
      h = extendChain(h, events[i]!);
      if ((i + 1) % CHAIN_MARK === 0) open.chainMarks.set(i + 1, h);
    }
    open.chainTip = { n, h };
    return h;
  }

  /** The agreed order as an export keeps it (null while no hub has ordered the incident). */
  async exportOrder(incident: string): Promise<{ settled: number; head: SignedHead | null } | null> {
    const open = await this.load(incident);
    return open.folder.ordered ? { settled: open.folder.position, head: open.head } : null;
  }

  /** The last head the hub signed for this incident, as this machine holds it. */
  async latestHead(incident: string): Promise<SignedHead | null> {
    return (await this.load(incident)).head;
  }

  /** How far this machine holds the incident's agreed order (0: no hub has ordered it yet). */
  async orderPosition(incident: string): Promise<number> {
    return (await this.load(incident)).folder.position;
  }

  /** Recreates an incident from a JSON export, refusing one that already exists here (see incident-importer.ts). */
  async importExport(text: string, options: ImportOptions = {}): Promise<Result<ImportReport>> {
    return importIncident(this.store, text, options);
  }

  /**
   * Sets the corrupt lines of an incident's log aside (into a .rejected file beside it) so it can be written
   * again; null when there was nothing to repair. The incident is replayed afresh on next use.
   */
  async repair(incident: string): Promise<Result<{ moved: number; rejectedPath: string } | null>> {
    if (!(await this.exists(incident))) return fail(`no incident "${incident}"`);
    const corrupt = (await this.issues(incident)).filter((i) => !i.cut).map((i) => i.line);
    if (corrupt.length === 0) return ok(null);
    await Promise.allSettled([...this.inFlight]);
    const rejectedPath = await this.store.setAside(incident, corrupt);
    this.open.delete(incident);
    return ok({ moved: corrupt.length, rejectedPath });
  }

  /** Picks up events another process (a CLI call, a script) appended to the same log since we last looked. */
  async refresh(incident: string): Promise<WarEvent[]> {
    const open = await this.load(incident);
    const { events, size } = await this.store.readFrom(incident, open.size);
    open.size = Math.max(open.size, size);
    const fresh = open.folder.add(events);
    for (const e of fresh) observe(this.clock, e.at);
    if (fresh.length) this.emit(incident, fresh, 'remote');
    return fresh;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.store.close();
  }

  /**
   * Appends to disk. Events are folded before they are durable (so concurrent writes can build on them); if
   * the disk refuses, the in-memory state is dropped and rebuilt from disk on next use, so it never shows
   * what was not saved.
   */
  private async persist(incident: string, events: WarEvent[], lines: readonly Uint8Array[] | null = null): Promise<Result<void>> {
    if (events.length === 0) return ok(undefined);
    const append = lines ? this.store.appendLines(incident, lines) : this.store.append(incident, events);
    this.inFlight.add(append);
    try {
      await append;
      return ok(undefined);
    } catch (e) {
      this.open.delete(incident);
      return fail(`could not save to ${this.store.dir}: ${(e as Error).message}`, 'io');
    } finally {
      this.inFlight.delete(append);
    }
  }

  private load(incident: string): Promise<OpenIncident> {
    let loading = this.open.get(incident);
    if (!loading) {
      loading = (async () => {
        const [replay, order] = await Promise.all([this.store.read(incident), this.store.order(incident).read()]);
        const folder = folderOf(incident, replay.events, order?.ids ?? null);
        let latest = folder.events[folder.events.length - 1]?.at;
        for (const e of folder.events) if (latest === undefined || compareHlc(e.at, latest) > 0) latest = e.at;
        if (latest) observe(this.clock, latest);
        const ours = folder.events.filter((e) => e.origin === this.origin);
        const lastOurs = ours.reduce<WarEvent | undefined>((m, e) => (m === undefined || e.seq > m.seq ? e : m), undefined);
        return {
          folder,
          nextSeq: (lastOurs?.seq ?? 0) + 1,
          issues: replay.issues,
          size: replay.size,
          lastHash: lastOurs?.sig ? eventHash(lastOurs) : undefined,
          verifier: new IngestVerifier(() => folder.events),
          head: order?.head ?? null,
          chainMarks: new Map(),
          chainTip: null,
        };
      })();
      this.open.set(incident, loading);
      loading.catch(() => this.open.delete(incident));
    }
    return loading;
  }

  private emit(incident: string, events: WarEvent[], source: EventSource): void {
    for (const l of this.listeners) {
      try {
        l(incident, events, source);
      } catch {
        // A listener's failure (a closed window) must never undo or block a durable write.
      }
    }
  }
}

/**
 * An incident's folder from its log (in the order written) and the agreed order a hub gave for it (ids by
 * position; null when no hub has ordered it): the positioned events first, in their order, then the rest.
 */
function folderOf(incident: string, logged: readonly WarEvent[], ordered: readonly string[] | null): IncidentFolder {
  if (ordered === null) return new IncidentFolder(incident, logged);
  const byId = new Map(logged.map((e) => [e.id, e]));
  const placed: WarEvent[] = [];
  for (const id of ordered) {
    const e = byId.get(id);
    if (!e) break;
    placed.push(e);
    byId.delete(id);
  }
  const folder = new IncidentFolder(incident, [...placed, ...byId.values()], placed.length);
  // Positions whose events are not here (a crash between the two files) wait for them.
  if (placed.length < ordered.length) folder.order({ from: placed.length + 1, ids: ordered.slice(placed.length) });
  return folder;
}
