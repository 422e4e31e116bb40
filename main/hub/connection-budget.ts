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

  /** `share` scales every rate and burst (1: the whole of `limits`); `fill` is how full the buckets start. */
  constructor(
    now: () => number,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    share = 1,
    fill = 1,
  ) {
    const bucket = (burst: number, perSecond: number) => new TokenBucket(burst * share, perSecond * share, now, burst * share * fill);
    this.pushEvents = bucket(limits.pushEventsBurst, limits.pushEventsPerSecond);
    this.pushBytes = bucket(limits.pushBytesBurst, limits.pushBytesPerSecond);
    this.pulls = bucket(limits.pullsBurst, limits.pullsPerSecond);
    this.pullBytes = bucket(limits.pullBytesBurst, limits.pullBytesPerSecond);
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

  /** More than half of its pushes (or pulls) left: a holder that asks for little. */
  quiet(kind: 'push' | 'pull'): boolean {
    return kind === 'push' ? this.pushEvents.halfFull && this.pushBytes.halfFull : this.pulls.halfFull && this.pullBytes.halfFull;
  }

  /** ms until a push may go ahead (0: now). */
  pushWait(): number {
    return Math.max(this.pushEvents.wait(), this.pushBytes.wait());
  }

  chargePush(events: number, bytes: number): void {
    this.pushEvents.charge(events);
    this.pushBytes.charge(bytes);
  }

  /** ms until a pull may go ahead (0: now). */
  pullWait(): number {
    return Math.max(this.pullBytes.wait(), this.pulls.wait());
  }

  chargePull(): void {
    this.pulls.charge(1);
  }

  /** 0 when a push of this size may go ahead (and charges it), else the ms to wait. */
  push(events: number, bytes: number): number {
    const wait = this.pushWait();
    if (wait === 0) this.chargePush(events, bytes);
    return wait;
  }

  /** 0 when a pull may go ahead (and charges the request), else the ms to wait. */
  pull(): number {
    const wait = this.pullWait();
    if (wait === 0) this.chargePull();
    return wait;
  }

  /** The size of a pull's answer (charged before the page is built, settled once it is). */
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
