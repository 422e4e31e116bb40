import type { OrderRange, SignedHead } from '../../src/model/room-order.js';
import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import type { VersionVector } from '../../src/sync/version-vector.js';

/** One catch-up page: the lines of the events this peer lacks, and the ids at every position it covers. */
export interface Page {
  /** The hub's JSON lines: parsed only when ingested (WarRoom.ingestLines). Bytes, not a Buffer: this runs in browsers too. */
  lines: Uint8Array;
  count: number;
  order: OrderRange | null;
  /** The page's last position when more follow. */
  next: number | null;
  vector: VersionVector;
  head: SignedHead | null;
}

/** Catch-up pages waiting to be ingested together. */
export interface Batch {
  pages: Uint8Array[];
  count: number;
  /** The pages' positions, joined (pages follow each other). */
  order: OrderRange | null;
  /** The hub's vector with the latest page: every event of the batch is within it. */
  vector: VersionVector;
  /** The latest page's signed head. */
  head: SignedHead | null;
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
export class CatchUpBatches {
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
    if (this.running || this.failure || (this.waiting.count === 0 && this.waiting.order === null)) return;
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
  return { pages: [], count: 0, order: null, vector: {}, head: null };
}

function addPage(batch: Batch, page: Page): void {
  if (page.count > 0) batch.pages.push(page.lines);
  batch.count += page.count;
  if (page.order) batch.order = batch.order ? { from: batch.order.from, ids: batch.order.ids.concat(page.order.ids) } : page.order;
  batch.vector = page.vector;
  batch.head = page.head ?? batch.head;
}

export function bufferOf(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * The events in pages of JSON lines, parsed (a line that is not JSON comes back as its text, for ingest to refuse
 * with the others it cannot read). For the session's rare need to know ids before ingesting a batch; ingest itself
 * reads pages its own way (the app: received-lines.ts, writing the lines as received).
 */
export function rawEventsOfLines(pages: readonly Uint8Array[]): unknown[] {
  const decoder = new TextDecoder();
  const out: unknown[] = [];
  for (const page of pages) {
    for (const line of decoder.decode(page).split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        out.push(line);
      }
    }
  }
  return out;
}

/** True when `held` holds at least `vector`. */
export function covers(held: ReadonlyMap<string, number>, vector: VersionVector): boolean {
  return Object.entries(vector).every(([origin, n]) => (held.get(origin) ?? 0) >= n);
}
