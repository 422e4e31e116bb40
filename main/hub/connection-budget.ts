import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import { TokenBucket } from './token-bucket.js';

/**
 * What one connection may ask of the hub per second, so that one flooding peer (a bug or a hostile
 * teammate) slows only itself. Refusals carry the wait, and the reference client waits and retries.
 */
export class ConnectionBudget {
  private readonly pushEvents: TokenBucket;
  private readonly pushBytes: TokenBucket;
  private readonly pulls: TokenBucket;
  private readonly pullBytes: TokenBucket;

  constructor(now: () => number, limits: RateLimits = DEFAULT_RATE_LIMITS) {
    this.pushEvents = new TokenBucket(limits.pushEventsBurst, limits.pushEventsPerSecond, now);
    this.pushBytes = new TokenBucket(limits.pushBytesBurst, limits.pushBytesPerSecond, now);
    this.pulls = new TokenBucket(limits.pullsBurst, limits.pullsPerSecond, now);
    this.pullBytes = new TokenBucket(limits.pullBytesBurst, limits.pullBytesPerSecond, now);
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
