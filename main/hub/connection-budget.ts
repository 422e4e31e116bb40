import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import { TokenBucket } from './token-bucket.js';

/**
 * What one holder (a key, or one key's share of an invite: holder-budgets.ts) may ask of the hub per second,
 * so that one flooding peer (a bug or a hostile teammate) slows only itself. Refusals carry the wait, and the
 * reference client waits and retries.
 */
export class ConnectionBudget {
  private readonly pushEvents: TokenBucket;
  private readonly pushBytes: TokenBucket;
  private readonly pulls: TokenBucket;
  private readonly pullBytes: TokenBucket;

  /** `share` scales every rate and burst (1: the whole of `limits`). */
  constructor(
    now: () => number,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    share = 1,
  ) {
    this.pushEvents = new TokenBucket(limits.pushEventsBurst * share, limits.pushEventsPerSecond * share, now);
    this.pushBytes = new TokenBucket(limits.pushBytesBurst * share, limits.pushBytesPerSecond * share, now);
    this.pulls = new TokenBucket(limits.pullsBurst * share, limits.pullsPerSecond * share, now);
    this.pullBytes = new TokenBucket(limits.pullBytesBurst * share, limits.pullBytesPerSecond * share, now);
  }

  /** From now on this budget is `share` of the limits (an invite's holders each get an equal part of it). */
  resize(share: number): void {
    const l = this.limits;
    this.pushEvents.resize(l.pushEventsBurst * share, l.pushEventsPerSecond * share);
    this.pushBytes.resize(l.pushBytesBurst * share, l.pushBytesPerSecond * share);
    this.pulls.resize(l.pullsBurst * share, l.pullsPerSecond * share);
    this.pullBytes.resize(l.pullBytesBurst * share, l.pullBytesPerSecond * share);
  }

  /** Nothing used lately: forgetting this budget gives its holder nothing it had not earned back already. */
  get rested(): boolean {
    return this.pushEvents.full && this.pushBytes.full && this.pulls.full && this.pullBytes.full;
  }

  /** 0 when this and every other budget allow a push (and charges them all), else the longest wait. */
  static pushAll(budgets: readonly ConnectionBudget[], events: number, bytes: number): number {
    const wait = Math.max(...budgets.map((b) => Math.max(b.pushEvents.wait(), b.pushBytes.wait())));
    if (wait > 0) return wait;
    for (const b of budgets) b.push(events, bytes);
    return 0;
  }

  /** 0 when every budget allows a pull (and charges the request to each), else the longest wait. */
  static pullAll(budgets: readonly ConnectionBudget[]): number {
    const wait = Math.max(...budgets.map((b) => Math.max(b.pullBytes.wait(), b.pulls.wait())));
    if (wait > 0) return wait;
    for (const b of budgets) b.pulls.charge(1);
    return 0;
  }

  /** 0 when a push of this size may go ahead (and charges it), else the ms to wait. */
  push(events: number, bytes: number): number {
    const wait = Math.max(this.pushEvents.wait(), this.pushBytes.wait());
    if (wait > 0) return wait;
    this.pushEvents.charge(events);
    this.pushBytes.charge(bytes);
    return 0;
  }

  /** 0 when a pull may go ahead (and charges the request), else the ms to wait. */
  pull(): number {
    const wait = Math.max(this.pullBytes.wait(), this.pulls.take(1));
    return wait;
  }

  /** The size of a pull's answer, known once it is built. */
  chargePulled(bytes: number): void {
    this.pullBytes.charge(bytes);
  }
}

export interface RateLimits {
  pushEventsPerSecond: number;
  pushEventsBurst: number;
  pushBytesPerSecond: number;
  pushBytesBurst: number;
  pullsPerSecond: number;
  pullsBurst: number;
  pullBytesPerSecond: number;
  pullBytesBurst: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  pushEventsPerSecond: PROTOCOL_LIMITS.pushEventsPerSecond,
  pushEventsBurst: PROTOCOL_LIMITS.pushEventsBurst,
  pushBytesPerSecond: PROTOCOL_LIMITS.pushBytesPerSecond,
  pushBytesBurst: PROTOCOL_LIMITS.pushBytesBurst,
  pullsPerSecond: PROTOCOL_LIMITS.pullsPerSecond,
  pullsBurst: PROTOCOL_LIMITS.pullsBurst,
  pullBytesPerSecond: PROTOCOL_LIMITS.pullBytesPerSecond,
  pullBytesBurst: PROTOCOL_LIMITS.pullBytesBurst,
};
