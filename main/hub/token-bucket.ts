/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. A request takes tokens up front when it knows
 * its cost, or is let in while the bucket is not empty and charged afterwards (a pull's cost is the size of
 * its answer), which can leave it in debt: the next request then waits for the debt to be refilled.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private capacity: number,
    private perSecond: number,
    private readonly now: () => number,
    /** Tokens at the start (default: a full bucket). */
    initial = capacity,
  ) {
    this.tokens = Math.min(initial, capacity);
    this.last = now();
  }

  /** A new size and rate from now on (a share that shrinks as more holders come): what was earned so far is kept. */
  resize(capacity: number, perSecond: number): void {
    this.refill();
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, capacity);
  }

  /** True when more than half the bucket is left. */
  get halfFull(): boolean {
    this.refill();
    return this.tokens > this.capacity / 2;
  }

  /** True when the bucket is full (nothing owed, nothing used lately). */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  /** 0 when `cost` tokens can be taken now (and takes them); otherwise ms until they can. */
  take(cost: number): number {
    this.refill();
    if (this.tokens >= Math.min(cost, this.capacity)) {
      this.tokens -= cost;
      return 0;
    }
    return Math.ceil(((Math.min(cost, this.capacity) - this.tokens) / this.perSecond) * 1000);
  }

  /** ms until the bucket is no longer empty (0 now). */
  wait(): number {
    this.refill();
    return this.tokens > 0 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Charges a cost known only after the work: may leave the bucket in debt. */
  charge(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}
