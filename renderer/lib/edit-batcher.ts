import { mergeDraftUpdates } from './draft-document.js';

export interface BatcherTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EditBatcherOptions {
  /** Saves one (merged) update; resolves with null when saved, or the reason it was refused. */
  send(update: string): Promise<string | null>;
  /** Told of a refused batch (the keystrokes in it are not in the log). */
  onRefused?(reason: string): void;
  /** Told when the number of unsaved updates changes (the "saving…" hint). */
  onPending?(count: number): void;
  /** Shortest gap between two sends: keystrokes inside it travel together. */
  intervalMs?: number;
  now?: () => number;
  timers?: BatcherTimers;
}

const realTimers: BatcherTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Carries a writer's keystrokes to main. The first keystroke after a pause goes at once (a teammate sees it
 * as fast as the round trip allows); while a save is in flight, or within `intervalMs` of the last one, the
 * next ones gather and go as one merged update. So a fast typist makes a handful of events a second, not one
 * per key, and a slow link makes bigger batches instead of a queue. One save in flight at a time, in order.
 */
export class EditBatcher {
  private queue: string[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private lastSent = -Infinity;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly timers: BatcherTimers;
  private closed = false;

  constructor(private readonly options: EditBatcherOptions) {
    this.intervalMs = options.intervalMs ?? 120;
    this.now = options.now ?? (() => performance.now());
    this.timers = options.timers ?? realTimers;
  }

  get pending(): number {
    return this.queue.length;
  }

  push(update: string): void {
    this.queue.push(update);
    this.options.onPending?.(this.queue.length);
    this.plan();
  }

  /** Sends everything now and resolves when it is all saved (before a review step, on leaving the draft). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight || this.queue.length) {
      if (this.inFlight) await this.inFlight;
      else this.sendNow();
    }
  }

  /** Saves what is left, then stops planning sends. */
  close(): Promise<void> {
    const done = this.flush();
    this.closed = true;
    return done;
  }

  private plan(): void {
    if (this.closed || this.inFlight || this.timer !== null || this.queue.length === 0) return;
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0) this.sendNow();
    else
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.sendNow();
      }, wait);
  }

  private sendNow(): void {
    this.clearTimer();
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0);
    this.lastSent = this.now();
    const merged = mergeDraftUpdates(batch);
    this.inFlight = this.options
      .send(merged)
      .catch((e: unknown) => (e instanceof Error ? e.message : String(e)))
      .then((refused) => {
        this.inFlight = null;
        this.options.onPending?.(this.queue.length);
        if (refused !== null) this.options.onRefused?.(refused);
        this.plan();
      });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
