import { PROTOCOL_LIMITS, type Cursor } from '../../src/sync/protocol.js';
import type { VersionVector } from '../../src/sync/version-vector.js';

/** One catch-up page, whichever way the hub sent it. */
export interface Page {
  /** Envelopes (parsed JSON, not yet validated), when the hub sent them as objects. */
  events: unknown[] | null;
  /** The page as the hub's JSON lines: parsed only when ingested (WarRoom.ingestLines). */
  lines: Buffer | null;
  count: number;
  next: Cursor | null;
  vector: VersionVector;
}

/** Catch-up pages waiting to be ingested together. */
export interface Batch {
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

export function bufferOf(data: Uint8Array | ArrayBuffer): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** True when `held` holds at least `vector`. */
export function covers(held: ReadonlyMap<string, number>, vector: VersionVector): boolean {
  return Object.entries(vector).every(([origin, n]) => (held.get(origin) ?? 0) >= n);
}
