/**
 * What to do when the window's renderer process dies (a crash, the OOM killer): reload it and bring the
 * person back to the incident they had open. A renderer that keeps dying is not reloaded forever: after
 * `maxCrashes` within `windowMs` the app says so instead of looping.
 */
export interface RendererGone {
  reason: string;
  exitCode: number;
}

export type RecoveryStep = { action: 'none' } | { action: 'reload'; reopen: string | null } | { action: 'give-up'; message: string };

export class RendererRecovery {
  private crashes: number[] = [];
  private place: string | null = null;

  constructor(private readonly options: { now?: () => number; maxCrashes?: number; windowMs?: number } = {}) {}

  /** The incident on screen (or null for the list): where a reload brings the person back. */
  remember(incident: string | null): void {
    this.place = incident;
  }

  get lastPlace(): string | null {
    return this.place;
  }

  onGone(details: RendererGone): RecoveryStep {
    // A clean exit is the window closing, not a crash.
    if (details.reason === 'clean-exit') return { action: 'none' };
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.windowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < windowMs), now];
    if (this.crashes.length > (this.options.maxCrashes ?? 3)) {
      return {
        action: 'give-up',
        message: `The War Room window stopped ${this.crashes.length} times in a minute (${details.reason}). Everything you saved is on disk; restart the app, and if it happens again send the log file from Help.`,
      };
    }
    return { action: 'reload', reopen: this.place };
  }
}
