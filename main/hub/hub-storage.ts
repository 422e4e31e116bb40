import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { WarEvent } from '../../src/kinds/event.js';
import { IncidentLogStore, type LogIssue } from '../services/incident-log-store.js';
import type { StoredRef } from './hub-room-index.js';

export type { StoredRef } from './hub-room-index.js';

/**
 * Where the hub keeps each room's log. The hub needs only these things, so a shared store for several hubs
 * behind a load balancer (Redis Streams, Postgres) is a new adapter, not a new hub. The hub keeps an index
 * (where each event is) and reads events back a page at a time, so a room's history lives in storage only.
 */
export interface HubStorage {
  /** Every stored room (incident id). */
  listRooms(): Promise<string[]>;
  /** A room's events, in any order; an unknown room is empty. For tools and tests: the hub itself uses scanRoom. */
  loadRoom(room: string): Promise<{ events: WarEvent[]; issues: LogIssue[] }>;
  /** Tells `visit` every stored event of a room once, with where it is, without holding them all. */
  scanRoom(room: string, visit: (e: WarEvent, ref: StoredRef) => void): Promise<{ issues: LogIssue[] }>;
  /** The events at `refs` (from scanRoom or append), in the order asked. */
  readEvents(room: string, refs: readonly StoredRef[]): Promise<WarEvent[]>;
  /**
   * The same events as JSON lines (each line's JSON, then a newline), in the order asked, as stored: a catch-up
   * page is then served without parsing and re-encoding every event. Optional: without it the hub encodes
   * what readEvents gives.
   */
  readLines?(room: string, refs: readonly StoredRef[]): Promise<Buffer>;
  /** Resolves, with where each event is, only once the events are durable: the hub acks a peer after this and never before. */
  append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]>;
  /** The hub no longer serves this room for now (idle): let go of what is held for it (open files). */
  releaseRoom(room: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Present when several hubs share this storage (Postgres): the room's agreed order is then the storage's,
   * and a hub judges and writes only while it holds the room's lock (see SharedOrder). Absent for storage one
   * hub owns (the file adapter): that hub's own order of appends is the room's.
   */
  shared?: SharedOrder;
}

/**
 * A room's order kept by storage that several hubs write to. Positions are given by the storage (1, 2, 3 ...
 * with no gap, in commit order), so every hub gives the same order; a ref's `at` is the event's position.
 */
export interface SharedOrder {
  /**
   * Runs `work` holding the room's write lock, which every hub on this storage takes for the room, then commits
   * what it appended. Resolves only after the commit (the hub acks a peer after this and never before); if
   * `work` throws, or the commit fails, nothing it appended is stored.
   */
  write<T>(room: string, work: (tx: RoomWriter) => Promise<T>): Promise<T>;
  /** Visits the events stored after position `after` (by any hub), in position order. */
  scanAfter(room: string, after: number, visit: (e: WarEvent, ref: StoredRef) => void): Promise<void>;
}

/** What a hub may do while it holds a room's lock (SharedOrder.write). */
export interface RoomWriter {
  /** Visits the events stored after position `after`, in order: what other hubs stored since this one looked. */
  scanAfter(after: number, visit: (e: WarEvent, ref: StoredRef) => void): Promise<void>;
  /**
   * Stores events at the room's next positions, in the order given, extending the room's hash chain; refuses
   * (throws) an id the room holds or an (origin, seq) that holds another event. Stored once `write` commits.
   */
  append(events: readonly WarEvent[]): Promise<StoredRef[]>;
}

/** Reads closer together than this are one read: a page of one origin is spread over a stretch of the file. */
const MERGE_GAP_BYTES = 64 * 1024;
const MAX_READ_BYTES = 4 * 1024 * 1024;

/** The file adapter: the same JSON-lines store the app uses, at <data-dir>/incidents/<id>.jsonl. */
export class FileHubStorage implements HubStorage {
  private readonly store: IncidentLogStore;
  /** One read handle per room in use, kept until the room is released: a page is then one read, not three calls. */
  private readonly readers = new Map<string, Promise<FileHandle>>();
  /** After close, a late read opens nothing (a handle no one closes is closed by the collector, with a warning). */
  private closed = false;

  constructor(dataDir: string) {
    this.store = new IncidentLogStore(join(dataDir, 'incidents'));
  }

  listRooms(): Promise<string[]> {
    return this.store.list();
  }

  async loadRoom(room: string): Promise<{ events: WarEvent[]; issues: LogIssue[] }> {
    const { events, issues } = await this.store.read(room);
    return { events, issues };
  }

  async scanRoom(room: string, visit: (e: WarEvent, ref: StoredRef) => void): Promise<{ issues: LogIssue[] }> {
    const { issues } = await this.store.scan(room, (e, at, bytes) => visit(e, { at, bytes }));
    return { issues };
  }

  async readEvents(room: string, refs: readonly StoredRef[]): Promise<WarEvent[]> {
    const out: WarEvent[] = new Array<WarEvent>(refs.length);
    // Stored lines were validated when written or when the room was scanned: parsing is enough here.
    await this.readRanges(
      room,
      refs,
      (k, buf, start) => (out[k] = JSON.parse(buf.toString('utf8', start, start + refs[k]!.bytes)) as WarEvent),
    );
    return out;
  }

  async readLines(room: string, refs: readonly StoredRef[]): Promise<Buffer> {
    // Where each line goes in the answer: in the order asked, each followed by a newline.
    const place = new Array<number>(refs.length);
    let size = 0;
    refs.forEach((r, k) => {
      place[k] = size;
      size += r.bytes + 1;
    });
    const out = Buffer.allocUnsafe(size);
    await this.readRanges(room, refs, (k, buf, start) => {
      buf.copy(out, place[k]!, start, start + refs[k]!.bytes);
      out[place[k]! + refs[k]!.bytes] = 0x0a;
    });
    return out;
  }

  /** Reads the bytes of every ref, nearby ones in one read, and hands each to `take` (its index, a buffer, where it starts in it). */
  private async readRanges(room: string, refs: readonly StoredRef[], take: (k: number, buf: Buffer, start: number) => void): Promise<void> {
    if (refs.length === 0) return;
    const order = refs.map((_, i) => i).sort((a, b) => refs[a]!.at - refs[b]!.at);
    const fh = await this.reader(room);
    for (let i = 0; i < order.length;) {
      const from = refs[order[i]!]!.at;
      let to = from + refs[order[i]!]!.bytes;
      let j = i + 1;
      for (; j < order.length; j++) {
        const r = refs[order[j]!]!;
        if (r.at - to > MERGE_GAP_BYTES || r.at + r.bytes - from > MAX_READ_BYTES) break;
        to = Math.max(to, r.at + r.bytes);
      }
      const buf = Buffer.allocUnsafe(to - from);
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, from + got);
        if (bytesRead === 0) throw new Error(`the log of ${room} is shorter than the hub's index of it`);
        got += bytesRead;
      }
      for (let k = i; k < j; k++) take(order[k]!, buf, refs[order[k]!]!.at - from);
      i = j;
    }
  }

  async append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]> {
    if (events.length === 0) return [];
    // Encoded once: the same text is written and measured.
    const lines = events.map((e) => JSON.stringify(e));
    let at = await this.store.appendTextAt(room, lines);
    return lines.map((line) => {
      const bytes = Buffer.byteLength(line);
      const ref = { at, bytes };
      at += bytes + 1;
      return ref;
    });
  }

  async releaseRoom(room: string): Promise<void> {
    const reader = this.readers.get(room);
    this.readers.delete(room);
    await reader?.then((fh) => fh.close()).catch(() => undefined);
    await this.store.release(room);
  }

  async close(): Promise<void> {
    this.closed = true;
    const readers = [...this.readers.values()];
    this.readers.clear();
    await Promise.all(readers.map((r) => r.then((fh) => fh.close()).catch(() => undefined)));
    await this.store.close();
  }

  private reader(room: string): Promise<FileHandle> {
    let r = this.readers.get(room);
    if (!r && this.closed) return Promise.reject(new Error(`the hub's storage is closed: ${room} cannot be read`));
    if (!r) {
      r = open(this.store.pathOf(room), 'r');
      this.readers.set(room, r);
      r.catch(() => this.readers.delete(room));
    }
    return r;
  }
}
