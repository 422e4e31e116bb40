import { fail, ok, type Result } from './result.js';

/** Hybrid logical clock stamp: wall-clock ms plus a counter for events within the same ms (or after a clock jump back). */
export interface Hlc {
  ms: number;
  c: number;
}

/** Remote stamps further ahead than this are refused: a peer with a broken clock must not drag everyone's clock into the future. */
export const MAX_FUTURE_DRIFT_MS = 5 * 60_000;

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.ms - b.ms || a.c - b.c;
}

/**
 * Monotonic per origin: every `tick()` is strictly greater than the previous tick and than every stamp
 * `receive()`d, even when the wall clock jumps backwards.
 */
export class HybridClock {
  private last: Hlc;

  constructor(
    private readonly now: () => number = Date.now,
    start: Hlc = { ms: 0, c: 0 },
    private readonly maxDriftMs = MAX_FUTURE_DRIFT_MS,
  ) {
    this.last = { ...start };
  }

  tick(): Hlc {
    const wall = this.now();
    this.last = wall > this.last.ms ? { ms: wall, c: 0 } : { ms: this.last.ms, c: this.last.c + 1 };
    return { ...this.last };
  }

  /** Advances past a remote stamp; refuses one absurdly far in the future. */
  receive(remote: Hlc): Result<Hlc> {
    const wall = this.now();
    if (remote.ms > wall + this.maxDriftMs) {
      return fail(`timestamp ${new Date(remote.ms).toISOString()} is more than ${this.maxDriftMs / 60_000} minutes ahead of this clock`);
    }
    if (compareHlc(remote, this.last) > 0) this.last = { ...remote };
    return ok({ ...this.last });
  }

  peek(): Hlc {
    return { ...this.last };
  }
}

/** Advances a clock past a trusted stamp (our own disk), with no drift check. */
export function observe(clock: HybridClock, stamp: Hlc): void {
  clock.receive({ ms: Math.min(stamp.ms, Date.now() + MAX_FUTURE_DRIFT_MS), c: stamp.c });
}
