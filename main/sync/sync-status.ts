import type { ConnectionState } from '../../src/ipc/contract.js';
import type { HubRole } from '../../src/sync/protocol.js';

export type { ConnectionState };

/** Someone else in the room right now, as the hub reports it. */
export interface SyncPeer {
  id: string;
  name: string;
  role: HubRole;
  /** Epoch ms since they joined. */
  since: number;
}

/** One sync client's connection to its hub. The room's status the window shows (SyncStatus) is built from it. */
export interface ConnectionStatus {
  state: ConnectionState;
  /** Last time this peer knew it held what the hub holds and the hub held all of its events (epoch ms). */
  lastSyncedAt: number | null;
  /** Events in the local log the hub is not known to have yet. */
  unsynced: number;
  peers: SyncPeer[];
  /** The last reason the hub gave for refusing something (the connection, a write). */
  error?: string;
}

/** Counts of one sync run, for `warroom sync --once` and scripts. */
export interface SyncTotals {
  /** Events the hub stored for the first time from this peer. */
  sent: number;
  /** Events this peer added from the hub. */
  received: number;
  /** Events the hub refused (each with a reason in `status().error`). */
  refused: number;
  unsynced: number;
}

/** One line for a terminal. */
export function describeSyncStatus(s: ConnectionStatus): string {
  const peers = s.peers.length ? `; in the room: ${s.peers.map((p) => p.name).join(', ')}` : '';
  const unsynced = s.unsynced ? `; ${s.unsynced} not yet synced` : '';
  const error = s.error ? `; ${s.error}` : '';
  return `${s.state}${unsynced}${peers}${error}`;
}
