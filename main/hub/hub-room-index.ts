/**
 * The hub's index of one room: for each stored event, where the storage keeps it, its size and a hash of its
 * id; per origin, its seqs in order. About 50 bytes per event instead of the event itself (600-800), so a
 * room of a million events costs tens of megabytes, and pages are read from storage when asked for.
 */

/** Where one stored event is, in the storage adapter's own terms (a byte offset in a file, an index in memory). */
export interface StoredRef {
  at: number;
  /** Bytes of the event's JSON as stored: the page budget counts these. */
  bytes: number;
}

/** FNV-1a over the id's UTF-16 code units: cheap, and a match is always confirmed before it decides anything. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** One origin's stored seqs in order, with the event number of each. */
export class OriginSeqs {
  readonly seqs: number[] = [];
  readonly events: number[] = [];
  /** Highest seq held with no gap below it. */
  contiguous = 0;

  /** The event number stored at `seq`, or -1. */
  find(seq: number): number {
    // The usual case: seqs 1..n all present, so seq k sits at position k - 1.
    const guess = seq - 1;
    if (guess >= 0 && guess < this.seqs.length && this.seqs[guess] === seq) return this.events[guess]!;
    const i = this.firstAbove(seq - 1);
    return i < this.seqs.length && this.seqs[i] === seq ? this.events[i]! : -1;
  }

  /** Position of the first stored seq greater than `floor`. */
  firstAbove(floor: number): number {
    if (floor < 1) return 0;
    const guess = floor; // seqs 1..n present: the first above `floor` sits at position `floor`
    if (guess < this.seqs.length && this.seqs[guess] === floor + 1 && this.seqs[guess - 1] === floor) return guess;
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= floor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(seq: number, event: number): void {
    const last = this.seqs[this.seqs.length - 1];
    if (last === undefined || last < seq) {
      this.seqs.push(seq);
      this.events.push(event);
    } else {
      const i = this.firstAbove(seq);
      this.seqs.splice(i, 0, seq);
      this.events.splice(i, 0, event);
    }
    while (this.contiguous < this.seqs.length && this.seqs[this.contiguous] === this.contiguous + 1) this.contiguous++;
  }
}

/** Open-addressing set of event numbers keyed by id hash: which stored events might have a given id. */
export class IdHashTable {
  private table = new Int32Array(1024);
  private count = 0;

  constructor(private readonly hashes: readonly number[]) {}

  add(event: number): void {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    this.place(event);
    this.count++;
  }

  /** Event numbers whose id has hash `h` (almost always none or the one with that id). */
  matches(h: number): number[] {
    const out: number[] = [];
    const mask = this.table.length - 1;
    for (let i = h & mask; this.table[i] !== 0; i = (i + 1) & mask) {
      const n = this.table[i]! - 1;
      if (this.hashes[n] === h) out.push(n);
    }
    return out;
  }

  private place(event: number): void {
    const mask = this.table.length - 1;
    let i = this.hashes[event]! & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = event + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const slot of old) if (slot !== 0) this.place(slot - 1);
  }
}
