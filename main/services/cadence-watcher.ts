import { nextUpdateDue } from '../../src/incident/summary.js';
import { countdown, DUE_SOON_MS, type Countdown } from '../../src/comms/cadence.js';
import type { WarRoom } from './war-room.js';

/** The timer functions the watcher uses: the real ones in the app, a fake clock's in tests. */
export interface TimerFunctions {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type CadenceAlert =
  /** The next customer update is due within DUE_SOON_MS: time for a native notification. */
  | { type: 'due-soon'; incident: string; title: string; dueAt: number; msLeft: number }
  /** The due time passed with no update published (this window recorded update.overdue if the rules chose it). */
  | { type: 'overdue'; incident: string; title: string; dueAt: number };

export type CadenceAlertListener = (alert: CadenceAlert) => void;

export interface CadenceWatcherOptions {
  warRoom: WarRoom;
  now?: () => number;
  timers?: TimerFunctions;
  /** How long before the due time "due-soon" fires; 2 minutes by default. */
  dueSoonMs?: number;
  /** Failures while checking an incident (an unreadable log); the watcher carries on with the others. */
  onError?: (incident: string, error: unknown) => void;
}

// setTimeout takes at most a signed 32-bit delay; longer waits are re-checked, which costs nothing.
const MAX_DELAY_MS = 2 ** 31 - 1;

const realTimers: TimerFunctions = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Keeps each open incident's promise of a next customer update. One timer per incident, set for the next
 * moment that matters (due-soon, then due); any event on the incident (an update published, a cadence
 * change, a status change) re-plans it. When a due time passes with no update, the window of the person the
 * rules choose (comms, else commander, else opener) records one update.overdue for that due time; the fold
 * keeps state.overdue from the log, so a restart or a second window does not record it again, and the gate
 * refuses it from anyone else.
 */
export class CadenceWatcher {
  private readonly now: () => number;
  private readonly timers: TimerFunctions;
  private readonly dueSoonMs: number;
  private readonly pending = new Map<string, unknown>();
  private readonly chains = new Map<string, Promise<void>>();
  /** `${incident}@${dueAt}` already announced as due soon, so each promise is announced once. */
  private readonly announced = new Set<string>();
  private readonly listeners = new Set<CadenceAlertListener>();
  private unsubscribe: (() => void) | null = null;
  private running = false;

  constructor(private readonly options: CadenceWatcherOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.dueSoonMs = options.dueSoonMs ?? DUE_SOON_MS;
  }

  onAlert(listener: CadenceAlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching every incident that is not resolved, and any incident that gets an event later. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.warRoom.onEvents((incident) => void this.check(incident));
    const incidents = await this.options.warRoom.listIncidents();
    await Promise.all(incidents.filter((i) => i.status !== 'resolved').map((i) => this.check(i.id)));
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const handle of this.pending.values()) this.timers.clearTimeout(handle);
    this.pending.clear();
  }

  /** Re-plans one incident now. Checks of one incident run one after another, never interleaved. */
  check(incident: string): Promise<void> {
    const previous = this.chains.get(incident) ?? Promise.resolve();
    const next = previous.then(() => this.evaluate(incident)).catch((e: unknown) => this.options.onError?.(incident, e));
    this.chains.set(incident, next);
    void next.then(() => {
      if (this.chains.get(incident) === next) this.chains.delete(incident);
    });
    return next;
  }

  /** Resolves when every check started so far has finished (tests drive a fake clock with it). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** The header's countdown for an incident, on the watcher's clock. */
  async countdown(incident: string): Promise<Countdown> {
    return countdown(await this.options.warRoom.state(incident), this.now());
  }

  private async evaluate(incident: string): Promise<void> {
    this.clearTimer(incident);
    if (!this.running) return;
    const state = await this.options.warRoom.state(incident);
    if (!this.running) return; // stopped while the state loaded
    if (state.openedBy === null || state.status === 'resolved') return;
    const dueAt = nextUpdateDue(state);
    if (dueAt === null) return;
    const now = this.now();
    const key = `${incident}@${dueAt}`;
    if (now >= dueAt) {
      // Nothing more to plan: the due time only moves when something happens, and that re-plans.
      if (state.overdue.some((o) => o.dueAt === dueAt) || this.announced.has(`${key}!`)) return;
      // Only the person the rules choose records it (src/kinds/update.ts): the gate refuses anyone else's window,
      // which still tells its user, once.
      const recorded = await this.options.warRoom.record(incident, 'update.overdue', { dueAt });
      if (!recorded.ok && recorded.code !== 'not-permitted') throw new Error(recorded.error);
      this.announced.add(`${key}!`);
      this.emit({ type: 'overdue', incident, title: state.title, dueAt });
      return;
    }
    if (now >= dueAt - this.dueSoonMs) {
      if (!this.announced.has(key)) {
        this.announced.add(key);
        this.emit({ type: 'due-soon', incident, title: state.title, dueAt, msLeft: dueAt - now });
      }
      this.schedule(incident, dueAt - now);
    } else {
      this.schedule(incident, dueAt - this.dueSoonMs - now);
    }
  }

  private schedule(incident: string, ms: number): void {
    const handle = this.timers.setTimeout(
      () => {
        if (this.pending.get(incident) === handle) this.pending.delete(incident);
        void this.check(incident);
      },
      Math.min(Math.max(0, ms), MAX_DELAY_MS),
    );
    this.pending.set(incident, handle);
  }

  private clearTimer(incident: string): void {
    const handle = this.pending.get(incident);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.pending.delete(incident);
  }

  private emit(alert: CadenceAlert): void {
    for (const l of this.listeners) {
      try {
        l(alert);
      } catch {
        // A listener (a notification that failed to show) must not stop the watch.
      }
    }
  }
}
