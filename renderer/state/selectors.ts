import type { SyncStatus } from '../../src/ipc/contract.js';
import type { WarRoomStore } from './store.js';

// Module-level selectors: stable function identities, so components re-render only when their slice changes.
export const selectIncidentState = (s: WarRoomStore) => s.incidentState;
export const selectCurrent = (s: WarRoomStore) => s.current;
export const selectIncidents = (s: WarRoomStore) => s.incidents;
export const selectListLoaded = (s: WarRoomStore) => s.listLoaded;
export const selectView = (s: WarRoomStore) => s.view;
export const selectTheme = (s: WarRoomStore) => s.theme;
export const selectDialog = (s: WarRoomStore) => s.dialog;
export const selectPaletteOpen = (s: WarRoomStore) => s.paletteOpen;
export const selectFilters = (s: WarRoomStore) => s.filters;
export const selectImpactSort = (s: WarRoomStore) => s.impactSort;
export const selectToasts = (s: WarRoomStore) => s.toasts;
export const selectMe = (s: WarRoomStore) => s.info?.actor ?? null;
export const selectSelectedDraft = (s: WarRoomStore) => s.selectedDraft;

const LOCAL: Omit<SyncStatus, 'incident'> = {
  state: 'local',
  hubUrl: null,
  unsynced: 0,
  members: [],
  paused: false,
  hosting: false,
  link: null,
  share: null,
  lastSyncedAt: null,
  error: null,
  role: null,
};
const localFor = new Map<string, SyncStatus>();

/** The open incident's sync status ("local" until it is shared), with a stable object for the local case. */
export const selectCurrentSync = (s: WarRoomStore): SyncStatus | null => {
  if (!s.current) return null;
  const known = s.syncStatus[s.current];
  if (known) return known;
  let local = localFor.get(s.current);
  if (!local) localFor.set(s.current, (local = { ...LOCAL, incident: s.current }));
  return local;
};

/** A viewer's window is read-only: the role comes from the join token (the hub refuses a viewer's writes anyway). */
export const selectReadOnly = (s: WarRoomStore): boolean => (s.current ? s.syncStatus[s.current]?.role === 'viewer' : false);

/** Multi-field reads go through useShallow at the call site; these pick the fields. */
export const selectOpening = (s: WarRoomStore) => ({ opening: s.opening, openError: s.openError, issues: s.issues });
export const selectDigest = (s: WarRoomStore) => ({ open: s.digestOpen, lastSeen: s.lastSeen });
