import type { ConnectionStatus } from './sync-status.js';

/** The connection's status and who listens to it; a patch that changes nothing tells nobody. */
export class StatusCell {
  private current: ConnectionStatus = { state: 'offline', lastSyncedAt: null, unsynced: 0, peers: [] };
  private readonly listeners = new Set<(s: ConnectionStatus) => void>();

  get value(): ConnectionStatus {
    return this.current;
  }

  listen(listener: (s: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(patch: Partial<ConnectionStatus>): void {
    const next: ConnectionStatus = { ...this.current, ...patch };
    if ('error' in patch && patch.error === undefined) delete next.error;
    const s = this.current;
    const same =
      s.state === next.state &&
      s.lastSyncedAt === next.lastSyncedAt &&
      s.unsynced === next.unsynced &&
      s.peers === next.peers &&
      s.error === next.error;
    if (same) return;
    this.current = next;
    for (const l of this.listeners) {
      try {
        l(next);
      } catch {
        // A broken listener must not stop sync.
      }
    }
  }
}
