import type { SyncTotals } from './sync-status.js';

interface Waiter {
  resolve(t: SyncTotals): void;
  reject(e: Error): void;
  maxConnectFailures: number;
}

/** Callers of `whenSynced`, each with its own timeout and its own patience for failed connection attempts. */
export class SyncWaiters {
  private waiters: Waiter[] = [];

  get any(): boolean {
    return this.waiters.length > 0;
  }

  /** Resolves at the next `resolveAll`; rejects on timeout (with `why()` appended) or at `fail*`. */
  wait(timeoutMs: number, maxConnectFailures: number, timeoutMessage: () => string): Promise<SyncTotals> {
    return new Promise<SyncTotals>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(timeoutMessage()));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (t) => (clearTimeout(timer), resolve(t)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        maxConnectFailures,
      };
      this.waiters.push(waiter);
    });
  }

  resolveAll(totals: SyncTotals): void {
    for (const w of this.take(() => true)) w.resolve(totals);
  }

  failAll(e: Error): void {
    for (const w of this.take(() => true)) w.reject(e);
  }

  /** Rejects those who would not wait through `failures` failed connection attempts in a row. */
  failImpatient(failures: number, e: Error): void {
    for (const w of this.take((w) => failures >= w.maxConnectFailures)) w.reject(e);
  }

  private take(which: (w: Waiter) => boolean): Waiter[] {
    const taken = this.waiters.filter(which);
    this.waiters = this.waiters.filter((w) => !taken.includes(w));
    return taken;
  }
}
