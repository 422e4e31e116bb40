/**
 * Requests the hub has started and not yet answered. A graceful stop waits for them, so every push that is
 * being made durable gets its ack before the hub goes away.
 */
export class Inflight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    const done = (): void => {
      this.count--;
      if (this.count === 0) for (const w of this.waiters.splice(0)) w();
    };
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.count;
  }

  /** Resolves once nothing is in flight, or after `timeoutMs` (a stuck disk must not hold a stop forever). */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
