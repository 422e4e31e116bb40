import { create } from 'zustand';
import type {
  AppCommand,
  AppInfo,
  ExportProgress,
  IncidentListEntry,
  Notice,
  OpenedIncident,
  PrefsView,
  SyncStatus,
  Theme,
} from '../../src/ipc/contract.js';
import type { OrderRange } from '../../src/model/room-order.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { IncidentFolder } from '../../src/incident/incident-folder.js';
import type { IncidentState, RefusedEvent } from '../../src/model/incident-state.js';
import { NO_FILTERS, type TimelineFilters } from '../lib/timeline-filter.js';
import type { ImpactSort } from '../lib/impact-sort.js';
import { addNotice, type Toast } from '../lib/notice-stack.js';
import { setClockHabit } from '../lib/time-format.js';

/**
 * One store made of typed slices (incident, ui, sync, drafts). The incident slice holds the shared
 * IncidentFolder: the renderer folds the events main sends with the same code main uses, so there is no
 * second copy of the truth, only a second fold of the same log.
 */

export const VIEWS = ['timeline', 'board', 'customers', 'drafts', 'postmortem'] as const;
export type View = (typeof VIEWS)[number];
export type DialogName =
  | 'new-incident'
  | 'join-room'
  | 'host-room'
  | 'import-customers'
  | 'export'
  | 'shortcuts'
  | 'settings'
  | 'status-statement'
  | 'rename'
  | 'severity'
  | 'resolve'
  | 'row-action';

export interface IncidentSlice {
  incidents: IncidentListEntry[];
  listLoaded: boolean;
  current: string | null;
  folder: IncidentFolder | null;
  /** A new object whenever events are folded in: what components subscribe to. */
  incidentState: IncidentState | null;
  /** When this person last looked at the open incident, before this visit (the digest starts there). */
  lastSeen: number | null;
  /** A first visit whose log is still arriving (a room just joined): the catch-up view opens once it is long. */
  catchUpPending: boolean;
  /** A view was chosen since this incident began opening: a hurried Alt+5 is not overruled by the catch-up. */
  viewChosen: boolean;
  opening: boolean;
  openError: string | null;
  issues: string[];
  /** Events of the open incident that arrived and were kept out (signature, author or chain did not hold). */
  keptOut: RefusedEvent[];
  receiveKeptOut(incident: string, refused: readonly RefusedEvent[]): void;
  setIncidents(list: IncidentListEntry[]): void;
  startOpening(incident: string): void;
  opened(result: Omit<OpenedIncident, 'events'> & { events: WarEvent[] }): void;
  /** Positions the hub gave out: the window folds in the room's agreed order, as main does. */
  receiveOrder(incident: string, range: OrderRange): void;
  failedOpening(incident: string, error: string): void;
  receive(incident: string, events: readonly WarEvent[]): void;
  closeIncident(): void;
  setLastSeen(at: number | null): void;
}

export type { Toast };

export interface UiSlice {
  info: AppInfo | null;
  prefs: PrefsView | null;
  view: View;
  theme: Theme;
  dialog: DialogName | null;
  /** What the open dialog is about (a severity, "edit:<row id>"), when it needs to know. */
  dialogArg: string | null;
  /** The catch-up view is showing in place of the current view. */
  catchUpOpen: boolean;
  paletteOpen: boolean;
  filters: TimelineFilters;
  impactSort: ImpactSort;
  digestOpen: boolean;
  toasts: Toast[];
  /** A request for some element to take focus; `n` changes on every request so the same target can be asked twice. */
  focus: { target: string; n: number; onlyIfLost?: boolean } | null;
  /** The last command from the menu or a deep link, for components that act on one (export format etc.). */
  lastCommand: { command: AppCommand; arg?: string; n: number } | null;
  /** A save-to-file export under way (null when none is). */
  exportProgress: ExportProgress | null;
  setInfo(info: AppInfo): void;
  setPrefs(prefs: PrefsView): void;
  setView(view: View): void;
  setTheme(theme: Theme): void;
  openDialog(dialog: DialogName | null, arg?: string): void;
  setCatchUpOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setFilters(patch: Partial<TimelineFilters>): void;
  setImpactSort(sort: ImpactSort): void;
  setDigestOpen(open: boolean): void;
  toast(notice: Notice): void;
  dismissToast(id: number): void;
  /** `onlyIfLost`: a rescue, which must not take focus from wherever the person has put it meanwhile. */
  requestFocus(target: string, options?: { onlyIfLost?: boolean }): void;
  setExportProgress(progress: ExportProgress | null): void;
}

export interface SyncSlice {
  syncStatus: Record<string, SyncStatus>;
  setSyncStatus(status: SyncStatus): void;
}

export interface DraftsSlice {
  selectedDraft: string | null;
  selectDraft(id: string | null): void;
}

export type WarRoomStore = IncidentSlice & UiSlice & SyncSlice & DraftsSlice & { reset(): void };

type Set = (partial: Partial<WarRoomStore> | ((s: WarRoomStore) => Partial<WarRoomStore>)) => void;
type Get = () => WarRoomStore;

/** What main pushed for an incident while its log was still loading (see startOpening). */
interface EarlyPushes {
  incident: string | null;
  events: WarEvent[];
  ranges: OrderRange[];
}
const NOTHING_EARLY: EarlyPushes = { incident: null, events: [], ranges: [] };
let early: EarlyPushes = NOTHING_EARLY;

/** The opened log in main's fold order (the first `settled` events hold the hub's positions), then what was pushed meanwhile. */
function foldOpenedLog(folder: IncidentFolder, result: { incident: string; events: WarEvent[]; settled: number | null }): void {
  folder.add(result.events);
  if (result.settled !== null) folder.order({ from: 1, ids: result.events.slice(0, result.settled).map((e) => e.id) });
  if (early.incident === result.incident) {
    folder.add(early.events);
    for (const range of early.ranges) folder.order(range);
  }
  early = NOTHING_EARLY;
}

/**
 * First time here, or back after a while: a long log opens on the catch-up view, not at its bottom. A room
 * just joined fills in after this, so the choice waits for the log to grow (see receive).
 */
function catchUpOnOpening(folder: IncidentFolder, lastSeen: number | null, viewChosen: boolean, viewer: boolean) {
  const catchUpDue = lastSeen === null || Date.now() - lastSeen > CATCH_UP_AFTER_MS;
  const catchUpDueNow = catchUpDue && !viewChosen;
  const catchUpOpen = catchUpDueNow && catchUpWorthIt(folder.state, lastSeen, viewer);
  return { catchUpOpen, catchUpPending: catchUpDueNow && !catchUpOpen };
}

/**
 * Whether the catch-up says more than the log: always on a viewer's first visit (an executive joining at 8
 * rows needs the status, the lead and the roles as much as at 800), and after a while away when the log is long.
 */
function catchUpWorthIt(state: IncidentState, lastSeen: number | null, viewer: boolean): boolean {
  if (lastSeen === null && viewer && state.openedBy !== null) return true;
  return state.timeline.length > LONG_LOG_ROWS;
}

const joinedAsViewer = (s: WarRoomStore): boolean => (s.current ? s.syncStatus[s.current]?.role === 'viewer' : false);

const incidentSlice = (set: Set, get: Get): IncidentSlice => ({
  incidents: [],
  listLoaded: false,
  current: null,
  folder: null,
  incidentState: null,
  lastSeen: null,
  catchUpPending: false,
  viewChosen: false,
  opening: false,
  openError: null,
  issues: [],
  keptOut: [],
  receiveKeptOut: (incident, refused) => {
    if (get().current !== incident) return;
    const known = new Set(get().keptOut.map((r) => r.id));
    const fresh = refused.filter((r) => !known.has(r.id));
    if (fresh.length) set({ keptOut: [...get().keptOut, ...fresh] });
  },
  setIncidents: (incidents) => set({ incidents, listLoaded: true }),
  startOpening: (incident) => {
    // Events and positions pushed while the log is still loading wait, then follow it (main's fold order);
    // no draft is picked (another incident's is not this one's).
    early = { incident, events: [], ranges: [] };
    set({ ...OPENING, current: incident, folder: new IncidentFolder(incident) });
  },
  opened: (result) => {
    const { folder, current } = get();
    if (!folder || current !== result.incident) return;
    foldOpenedLog(folder, result);
    set({
      incidentState: folder.state,
      opening: false,
      lastSeen: result.lastSeen,
      issues: result.issues,
      digestOpen: result.lastSeen !== null,
      ...catchUpOnOpening(folder, result.lastSeen, get().viewChosen, joinedAsViewer(get())),
    });
  },
  failedOpening: (incident, error) => {
    if (get().current === incident) set({ opening: false, openError: error });
  },
  receive: (incident, events) => {
    const { folder, current, opening } = get();
    if (!folder || current !== incident) return;
    if (opening) {
      early.events.push(...events);
      return;
    }
    const fresh = folder.add(events);
    if (!fresh.length) return;
    if (get().catchUpPending && catchUpWorthIt(folder.state, get().lastSeen, joinedAsViewer(get())))
      set({ incidentState: folder.state, catchUpOpen: true, catchUpPending: false });
    else set({ incidentState: folder.state });
  },
  receiveOrder: (incident, range) => {
    const { folder, current, opening } = get();
    if (!folder || current !== incident) return;
    if (opening) early.ranges.push(range);
    else {
      folder.order(range);
      set({ incidentState: folder.state });
    }
  },
  closeIncident: () => set(CLOSED),
  setLastSeen: (lastSeen) => set({ lastSeen }),
});

/** What opening an incident starts from: nothing of the last one, no draft picked, the catch-up not yet judged. */
const OPENING: Partial<WarRoomStore> = {
  incidentState: null,
  selectedDraft: null,
  opening: true,
  openError: null,
  issues: [],
  keptOut: [],
  lastSeen: null,
  digestOpen: false,
  catchUpOpen: false,
  catchUpPending: false,
  viewChosen: false,
};

/** What closing an incident leaves: no incident open, nothing of it kept. */
const CLOSED: Partial<WarRoomStore> = {
  current: null,
  folder: null,
  incidentState: null,
  opening: false,
  openError: null,
  issues: [],
  keptOut: [],
  lastSeen: null,
  digestOpen: false,
};

/** Away longer than this, an incident opens on the catch-up view. */
export const CATCH_UP_AFTER_MS = 60 * 60_000;
/** A log shorter than this is its own summary. */
export const LONG_LOG_ROWS = 15;

let toastIds = 0;
let focusRequests = 0;

const uiSlice = (set: Set): UiSlice => ({
  info: null,
  prefs: null,
  view: 'timeline',
  theme: 'system',
  dialog: null,
  dialogArg: null,
  catchUpOpen: false,
  paletteOpen: false,
  filters: NO_FILTERS,
  impactSort: 'impact',
  digestOpen: false,
  toasts: [],
  focus: null,
  lastCommand: null,
  exportProgress: null,
  setInfo: (info) => set({ info }),
  setPrefs: (prefs) => {
    setClockHabit(prefs.clock);
    set({ prefs, theme: prefs.theme });
  },
  // Choosing a view is choosing not to be caught up now.
  setView: (view) => set({ view, catchUpOpen: false, catchUpPending: false, viewChosen: true }),
  setTheme: (theme) => set({ theme }),
  openDialog: (dialog, arg) => set({ dialog, dialogArg: arg ?? null, paletteOpen: false }),
  setCatchUpOpen: (catchUpOpen) => set({ catchUpOpen, catchUpPending: false }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  setImpactSort: (impactSort) => set({ impactSort }),
  setDigestOpen: (digestOpen) => set({ digestOpen }),
  toast: (notice) => set((s) => ({ toasts: addNotice(s.toasts, notice, Date.now(), ++toastIds) })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  requestFocus: (target, options) => set({ focus: { target, n: ++focusRequests, ...(options?.onlyIfLost ? { onlyIfLost: true } : {}) } }),
  setExportProgress: (exportProgress) => set({ exportProgress }),
});

const syncSlice = (set: Set): SyncSlice => ({
  syncStatus: {},
  setSyncStatus: (status) => set((s) => ({ syncStatus: { ...s.syncStatus, [status.incident]: status } })),
});

const draftsSlice = (set: Set): DraftsSlice => ({
  selectedDraft: null,
  selectDraft: (selectedDraft) => set({ selectedDraft }),
});

function initial(set: Set, get: Get): WarRoomStore {
  return {
    ...incidentSlice(set, get),
    ...uiSlice(set),
    ...syncSlice(set),
    ...draftsSlice(set),
    reset: () => set(initial(set, get)),
  };
}

export const useWarRoom = create<WarRoomStore>()((set, get) => initial(set, get));

/** For tests: back to a fresh store. */
export const resetStore = (): void => useWarRoom.getState().reset();
