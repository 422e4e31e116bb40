import { fail, ok, type Result } from './result.js';

/** Hybrid logical clock stamp: wall-clock ms plus a counter for events within the same ms (or after a clock jump back). */
export interface Hlc {
  ms: number;
  c: number;
}

/** Remote stamps further ahead than this are refused: a peer with a broken clock must not drag everyone's clock into the future. */
export const MAX_FUTURE_DRIFT_MS = 5 * 60_000;

/**
 * How far ahead of this clock a remote stamp may pull it. A stamp is a claim, for display and milestones (the
 * room's order is the hub's, see src/model/room-order.ts): adopting one minutes ahead would date everything
 * written here in the future, and a huge counter with it could run ours out. Up to a second of skew keeps
 * replies after what they answer on machines whose clocks differ a little.
 */
export const MAX_ADOPTED_SKEW_MS = 1_000;

/** The counter's bound: past it a tick moves to the next millisecond instead, so no stamp can run it out. */
export const MAX_HLC_COUNTER = 0xffff;

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
    if (wall > this.last.ms) this.last = { ms: wall, c: 0 };
    else if (this.last.c < MAX_HLC_COUNTER) this.last = { ms: this.last.ms, c: this.last.c + 1 };
    else this.last = { ms: this.last.ms + 1, c: 0 };
    return { ...this.last };
  }

  /**
   * Takes note of a remote stamp: refuses one absurdly far in the future; advances past one at most a second
   * ahead of this clock (MAX_ADOPTED_SKEW_MS); one further ahead is accepted but not adopted.
   */
  receive(remote: Hlc): Result<Hlc> {
    const wall = this.now();
    if (remote.ms > wall + this.maxDriftMs) {
      return fail(`timestamp ${new Date(remote.ms).toISOString()} is more than ${this.maxDriftMs / 60_000} minutes ahead of this clock`);
    }
    if (remote.ms <= wall + MAX_ADOPTED_SKEW_MS && compareHlc(remote, this.last) > 0)
      this.last = { ms: remote.ms, c: Math.min(remote.c, MAX_HLC_COUNTER) };
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
