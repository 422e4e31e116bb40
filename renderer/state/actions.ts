import type { AppCommand, Clock, ExportTarget, PayloadOf, ShareReach, Theme } from '../../src/ipc/contract.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { EventDataInput, EventKind } from '../../src/kinds/index.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import { unpackEvents } from '../../src/ipc/packed-events.js';
import { isExportTarget } from '../../src/export/export-formats.js';
import { invoke, on } from './bridge.js';
import { useWarRoom, type View } from './store.js';

/**
 * What the UI does, as plain async functions over the store and the bridge. Components call these; every
 * refusal comes back as a Result (for inline messages) and is also shown as a toast when asked.
 */

const store = () => useWarRoom.getState();

const showError = (title: string, error: string): void => store().toast({ kind: 'error', incident: store().current, title, body: error });

export async function boot(): Promise<void> {
  const [info, prefs] = await Promise.all([invoke('app:info', {}), invoke('prefs:get', {})]);
  if (info.ok) store().setInfo(info.value);
  else showError('War Room could not start', info.error);
  if (prefs.ok) store().setPrefs(prefs.value);
  await refreshIncidents();
  if (!store().current) store().requestFocus('incident-list');
  // Shortcuts are live from here on; tests (and the packaged smoke check) wait for this instead of guessing.
  document.documentElement.dataset.ready = 'true';
}

export async function refreshIncidents(): Promise<void> {
  const list = await invoke('incidents:list', {});
  if (list.ok) store().setIncidents(list.value);
  else showError('Could not list incidents', list.error);
}

export async function createIncident(input: PayloadOf<'incident:create'>): Promise<Result<string>> {
  const created = await invoke('incident:create', input);
  if (!created.ok) return created;
  await openIncident(created.value.incident);
  // Whoever opened it knows what is in it.
  store().setCatchUpOpen(false);
  void refreshIncidents();
  return ok(created.value.incident);
}

export async function openIncident(incident: string): Promise<void> {
  const previous = store().current;
  if (previous && previous !== incident) await markSeen();
  store().startOpening(incident);
  const [opened, sync] = await Promise.all([invoke('incident:open', { incident }), invoke('sync:status', { incident })]);
  if (sync.ok) store().setSyncStatus(sync.value);
  if (!opened.ok) {
    store().failedOpening(incident, opened.error);
    return;
  }
  store().opened({ ...opened.value, events: unpackEvents(opened.value.events) });
  store().requestFocus('quick-entry');
}

async function catchUp(incident: string): Promise<void> {
  const r = await invoke('incident:open', { incident });
  if (!r.ok) return;
  const events = unpackEvents(r.value.events);
  store().receive(incident, events);
  if (r.value.settled !== null) store().receiveOrder(incident, { from: 1, ids: events.slice(0, r.value.settled).map((e) => e.id) });
}

/** Back to the incident list; what was on screen counts as seen. */
export async function closeIncident(): Promise<void> {
  await markSeen();
  store().closeIncident();
  store().requestFocus('incident-list');
  await refreshIncidents();
}

/** "I have caught up": the next digest starts from now. */
export async function markSeen(): Promise<void> {
  const { current, incidentState } = store();
  if (!current || !incidentState) return;
  const at = Math.max(Date.now(), incidentState.lastEventAt);
  const r = await invoke('incident:seen', { incident: current, at });
  if (r.ok && store().current === current) {
    store().setLastSeen(r.value.lastSeen);
    store().setDigestOpen(false);
  }
}

/**
 * Records an event in the open incident. The saved event is folded right away (main pushes it too; the
 * folder ignores the second copy), so the screen shows it the moment it is on disk.
 */
export async function record<K extends Exclude<EventKind, 'incident.opened'>>(
  kind: K,
  data: EventDataInput<K>,
  options: { quiet?: boolean } = {},
): Promise<Result<WarEvent>> {
  const incident = store().current;
  if (!incident) return fail('open an incident first', 'not-found');
  const r = await invoke('event:record', { incident, kind, data: data as Record<string, unknown> });
  if (r.ok) store().receive(incident, [r.value]);
  else if (!options.quiet) showError('Not saved', r.error);
  return r;
}

export async function setTheme(theme: Theme): Promise<void> {
  store().setTheme(theme);
  const r = await invoke('prefs:set', { theme });
  if (r.ok) store().setPrefs(r.value);
}

export async function setClock(clock: Clock): Promise<void> {
  const r = await invoke('prefs:set', { clock });
  if (r.ok) store().setPrefs(r.value);
  else showError('Could not change the clock', r.error);
}

/** Light <-> dark (from "system", to the opposite of what is showing). */
export function toggleTheme(): void {
  const shown = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
  void setTheme(shown === 'dark' ? 'light' : 'dark');
}

export async function setDisplayName(displayName: string): Promise<Result<void>> {
  const r = await invoke('prefs:set', { displayName });
  if (!r.ok) return r;
  store().setPrefs(r.value);
  const info = await invoke('app:info', {});
  if (info.ok) store().setInfo(info.value);
  return ok(undefined);
}

let pendingJoinLink: string | null = null;

/** The link a deep link brought, once: the join dialog starts from it. */
export function takePendingJoinLink(): string | null {
  const link = pendingJoinLink;
  pendingJoinLink = null;
  return link;
}

export async function joinRoom(payload: PayloadOf<'sync:join'>): Promise<Result<string>> {
  const r = await invoke('sync:join', payload);
  if (!r.ok) return r;
  store().setSyncStatus(r.value);
  await openIncident(r.value.incident);
  return ok(r.value.incident);
}

/** Follows a team's alerts (a `warroom://team` link); main asks first (`consent-needed`) unless `confirmed`. */
export async function followTeam(link: string, confirmed: boolean): Promise<Result<string>> {
  const r = await invoke('teams:follow', confirmed ? { link, confirmed: true } : { link });
  if (!r.ok) return r;
  store().toast({
    kind: 'info',
    incident: store().current,
    title: `Following team ${r.value.team}`,
    body: `Incidents its alerts open on ${r.value.hubUrl} join this app by themselves, with a notification.`,
  });
  return ok(r.value.team);
}

export async function hostRoom(reach: ShareReach = 'machine'): Promise<Result<string>> {
  const incident = store().current;
  if (!incident) return fail('open an incident first', 'not-found');
  const r = await invoke('sync:host', { incident, reach });
  if (!r.ok) return r;
  store().setSyncStatus(r.value);
  return ok(r.value.link ?? '');
}

export async function setOnline(online: boolean): Promise<void> {
  const incident = store().current;
  if (!incident) return;
  const r = await invoke('sync:online', { incident, online });
  if (r.ok) store().setSyncStatus(r.value);
  else showError(online ? 'Could not reconnect' : 'Could not go offline', r.error);
}

export async function exportAs(format: ExportTarget, options: { bom?: boolean } = {}): Promise<void> {
  const incident = store().current;
  if (!incident) return showError('Nothing to export', 'open an incident first');
  const r = await invoke('export:save', { incident, format, ...(options.bom ? { bom: true } : {}) });
  if (!r.ok) return showError('Export failed', r.error);
  if (r.value.saved) store().toast({ kind: 'info', incident, title: 'Exported', body: r.value.path });
}

export async function copyText(text: string): Promise<boolean> {
  const r = await invoke('clipboard:write', { text });
  if (r.ok) return true;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    showError('Could not copy', r.error);
    return false;
  }
}

const VIEW_COMMANDS: Partial<Record<AppCommand, View>> = {
  'view-timeline': 'timeline',
  'view-board': 'board',
  'view-customers': 'customers',
  'view-drafts': 'drafts',
  'view-postmortem': 'postmortem',
};

/** One place that runs a command, whether it came from the menu, a shortcut or the palette. */
export function runCommand(command: AppCommand, arg?: string): void {
  const s = store();
  const view = VIEW_COMMANDS[command];
  if (view) {
    if (!s.current) return;
    s.setView(view);
    s.requestFocus(`view-${view}`);
    return;
  }
  switch (command) {
    case 'new-incident':
      return s.openDialog('new-incident');
    case 'incident-list':
      void closeIncident();
      return;
    case 'join-room':
      // A deep link that needs the person's consent arrives here with the link, for the dialog to ask.
      pendingJoinLink = arg ?? null;
      return s.openDialog('join-room');
    case 'host-room':
      if (s.current) s.openDialog('host-room');
      return;
    case 'palette':
      s.setPaletteOpen(true);
      return;
    case 'quick-entry':
      if (s.current) s.requestFocus('quick-entry');
      return;
    case 'search':
      if (!s.current) return;
      s.setView('timeline');
      s.requestFocus('timeline-search');
      return;
    case 'toggle-theme':
      toggleTheme();
      return;
    case 'export':
      if (isExportTarget(arg)) void exportAs(arg);
      else if (s.current) s.openDialog('export');
      return;
  }
}

/** Subscribes the store to what main pushes. Returns the unsubscribe. */
export function connectEvents(): () => void {
  const offs = [
    on('incident:events', ({ incident, events }) => {
      store().receive(incident, events);
      if (!store().current) void refreshIncidents();
    }),
    on('incident:order', ({ incident, range }) => store().receiveOrder(incident, range)),
    on('incident:kept-out', ({ incident, refused }) => store().receiveKeptOut(incident, refused)),
    on('sync:status', (status) => {
      const before = store().syncStatus[status.incident];
      store().setSyncStatus(status);
      // Just (re)connected: the catch-up may have landed before this window was listening (a fresh join);
      // fold the whole log again (ids make it idempotent) so nothing that arrived in between is missed.
      if (status.state === 'connected' && before?.state !== 'connected' && store().current === status.incident)
        void catchUp(status.incident);
    }),
    on('notify', (notice) => store().toast(notice)),
    on('app:command', ({ command, arg }) => runCommand(command, arg)),
    on('app:open-incident', ({ incident }) => void openIncident(incident)),
    on('export:progress', (p) => store().setExportProgress(p.stage === 'done' || p.stage === 'failed' ? null : p)),
  ];
  return () => offs.forEach((off) => off());
}
