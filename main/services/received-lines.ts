import type { WarEvent } from '../../src/kinds/event.js';

/**
 * Events to ingest, one at a time, with where each one's line lies when it came as bytes (a catch-up page).
 * The same object is handed out for every event (filled afresh each step): a million-event catch-up then
 * makes no per-event cursor objects.
 */
export interface Entry {
  /** Parsed JSON, or the line's text when it is not JSON (ingest refuses it with the others it cannot read). */
  raw: unknown;
  /** The page the line is in (null: the event came as an object, or its line has no newline to write as is). */
  page: Uint8Array | null;
  start: number;
  /** Just past the line's newline. */
  end: number;
}

/** Events that came as objects (a relayed message, an import, an old hub's page). */
export function* entriesOfEvents(events: readonly unknown[]): Generator<Entry> {
  const entry: Entry = { raw: undefined, page: null, start: 0, end: 0 };
  for (const raw of events) {
    entry.raw = raw;
    yield entry;
  }
}

/**
 * The lines of catch-up pages, each parsed only when its turn comes: a page's events are then garbage as soon
 * as they are checked (zod returns fresh objects), instead of half a million parsed pages waiting in a batch
 * and being promoted into the old heap, which made the garbage collector the biggest cost of a 1M catch-up.
 */
export function* entriesOfPages(pages: readonly Uint8Array[]): Generator<Entry> {
  const entry: Entry = { raw: undefined, page: null, start: 0, end: 0 };
  for (const page of pages) {
    const buf = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
    for (let start = 0; start < buf.length;) {
      const newline = buf.indexOf(0x0a, start);
      const end = newline === -1 ? buf.length : newline;
      const text = buf.toString('utf8', start, end);
      entry.page = newline === -1 ? null : page;
      entry.start = start;
      entry.end = end + 1;
      start = end + 1;
      if (text.trim() === '') continue;
      entry.raw = parseOrText(text);
      yield entry;
    }
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Where the line of each accepted event lies, in accepting order (parallel arrays, no object per event), so
 * the lines can be written to our log as received instead of encoded again.
 */
export class LineSpans {
  private readonly pages: (Uint8Array | null)[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(entry: Entry): void {
    this.pages.push(entry.page);
    this.starts.push(entry.start);
    this.ends.push(entry.end);
  }

  /**
   * The lines to write for `fresh` (a subset of `valid`, which matches the spans one to one), in the order
   * they arrived (a log's line order does not matter; the fold sorts): neighbouring lines of a page become
   * one piece, so a batch is a few pieces, not one per event. An event without a line is encoded.
   */
  runsFor(valid: readonly WarEvent[], fresh: readonly WarEvent[]): Uint8Array[] {
    const keep = fresh.length === valid.length ? null : new Set(fresh);
    const out: Uint8Array[] = [];
    let page: Uint8Array | null = null;
    let start = 0;
    let end = 0;
    const close = (): void => {
      if (page) out.push(page.subarray(start, end));
      page = null;
    };
    for (let i = 0; i < valid.length; i++) {
      if (keep && !keep.has(valid[i]!)) continue;
      const p = this.pages[i] ?? null;
      if (p && p === page && this.starts[i] === end) {
        end = this.ends[i]!;
        continue;
      }
      close();
      if (p) {
        page = p;
        start = this.starts[i]!;
        end = this.ends[i]!;
      } else out.push(Buffer.from(JSON.stringify(valid[i]) + '\n'));
    }
    close();
    return out;
  }
}
