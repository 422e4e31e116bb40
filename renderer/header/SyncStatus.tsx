import type { SyncStatus } from '../../src/ipc/contract.js';
import { useWarRoom } from '../state/store.js';

/** Saved/synced in one word, a button to the team room dialog (in the tab bar, beside Share). */
export function SyncChip({ sync }: { sync: SyncStatus | null }) {
  const openDialog = useWarRoom((s) => s.openDialog);
  const label = syncLabel(sync);
  const state = !sync || sync.state === 'local' ? 'local' : sync.paused ? 'offline' : sync.state;
  return (
    <button
      type="button"
      className="link-button chip"
      onClick={() => openDialog('host-room')}
      data-testid="sync-state"
      title="Saved on this disk; synced means on the hub's disk"
    >
      <span className={`sync-dot sync-${state}`} aria-hidden="true" /> {label}
      {sync && sync.unsynced > 0 ? <span className="unsynced"> · {sync.unsynced} not yet synced</span> : null}
    </button>
  );
}

const syncLabel = (sync: SyncStatus | null): string =>
  !sync || sync.state === 'local'
    ? 'not shared'
    : sync.paused
      ? 'offline (paused)'
      : sync.state === 'connected'
        ? sync.unsynced === 0
          ? 'synced'
          : 'syncing'
        : sync.state === 'connecting'
          ? 'connecting'
          : 'offline';

/** "Saved" is this disk; "synced" is the hub's disk. Both are shown, with the count in between. */
export function SyncState({ sync }: { sync: SyncStatus | null }) {
  const openDialog = useWarRoom((s) => s.openDialog);
  if (!sync || sync.state === 'local') {
    return (
      <>
        <span className="sync-dot sync-local" aria-hidden="true" /> saved on this disk
        <span className="fact-sub">
          <button type="button" className="link-button" onClick={() => openDialog('host-room')}>
            not shared: share…
          </button>
        </span>
      </>
    );
  }
  const label = sync.paused
    ? 'offline (paused)'
    : sync.state === 'connected'
      ? sync.unsynced === 0
        ? 'synced'
        : 'syncing'
      : sync.state === 'connecting'
        ? 'connecting'
        : 'offline';
  return (
    <>
      <span className={`sync-dot sync-${sync.paused ? 'offline' : sync.state}`} aria-hidden="true" /> saved on this disk
      <span className="fact-sub">
        <button type="button" className="link-button" onClick={() => openDialog('host-room')}>
          {label}
        </button>
        {sync.unsynced > 0 ? <span className="unsynced"> · {sync.unsynced} not yet synced</span> : null}
      </span>
      {sync.error ? <span className="fact-sub sync-error">{sync.error}</span> : null}
    </>
  );
}
