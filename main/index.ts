import { app, BrowserWindow, clipboard, dialog, Menu, session, shell } from 'electron';
import Store from 'electron-store';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import type { AppCommand, EventChannel, EventPayloads } from '../src/ipc/contract.js';
import { isTeamLink } from '../src/sync/team-link.js';
import { deepLinkStep } from './app/deep-link.js';
import { CONTENT_SECURITY_POLICY, createSecureWindow, isAllowedExternalUrl } from './electron/window-security.js';
import { buildAppMenu } from './electron/app-menu.js';
import { logFilePath, openAppLog } from './electron/app-log.js';
import { startAutoUpdate } from './electron/auto-update.js';
import { attachContextMenu } from './electron/context-menu.js';
import { registerDeepLinks } from './electron/deep-links.js';
import { registerIpcHandlers } from './electron/ipc-register.js';
import { showNativeNotice } from './electron/notifications.js';
import { renderPdf } from './electron/pdf.js';
import { chooseSavePath } from './electron/save-dialog.js';
import { createUnsyncedBadge } from './electron/tray-badge.js';
import { restoredPlace, trackWindowState } from './electron/window-state.js';
import { startEventPump } from './ipc/event-pump.js';
import { createIpcHandlers } from './ipc/handlers.js';
import { SyncManager } from './sync/sync-manager.js';
import { TeamSubscriptions } from './sync/team-subscriptions.js';
import { noticeForCadence } from './app/notices.js';
import { ViewState } from './app/view-state.js';
import { HOMEPAGE } from './app/help-links.js';
import { RendererRecovery } from './app/renderer-recovery.js';
import { CadenceWatcher } from './services/cadence-watcher.js';
import { incidentsDir } from './services/data-dir.js';
import { DraftsService } from './services/drafts-service.js';
import { IncidentLogStore } from './services/incident-log-store.js';
import { watchLogs } from './services/log-watcher.js';
import { PreferencesService, type KeyValueStore } from './services/preferences.js';
import { WarRoom } from './services/war-room.js';
import { safeStorageSealer } from './electron/safe-storage.js';
import type { Signer } from './identity/event-signature.js';
import { IDENTITY_FILE, loadOrCreateSigner } from './identity/key-store.js';

// Composition root: the only place that wires Electron to the services. Behaviour lives in main/ipc and
// main/services (plain Node, tested); what is here is glue.
const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const rendererIndexUrl = pathToFileURL(rendererIndex).toString();

if (process.env.WARROOM_DATA_DIR) app.setPath('userData', process.env.WARROOM_DATA_DIR);
const dataDir = app.getPath('userData');
const APP_ID = 'com.warroom.app';
// Windows groups windows and shows notifications by this id; it must match the installer's appId.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
const appLog = openAppLog();
appLog.info(`War Room ${app.getVersion()} starting (data in ${dataDir})`);
app.setAboutPanelOptions({
  applicationName: 'War Room',
  applicationVersion: app.getVersion(),
  copyright: 'Copyright © 2026 War Room team',
  website: HOMEPAGE,
});
const recovery = new RendererRecovery();

// Same file as the CLI's conf store (config.json in the data dir), so both share one set of preferences.
const settings = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'config' });
const kv: KeyValueStore = { get: (k) => settings.get(k), set: (k, v) => settings.set(k, v) };
const preferences = new PreferencesService(kv);
const viewState = new ViewState(kv);
// This install's key, loaded once Electron is ready (the OS keychain is not reachable before).
let signer: Signer | null = null;
const warRoom = new WarRoom({
  signer: () => {
    if (!signer) throw new Error('the identity key is not loaded yet');
    return signer;
  },
  store: new IncidentLogStore(incidentsDir(dataDir)),
  actor: () => {
    const p = preferences.get();
    return { id: p.actorId, name: p.displayName || safeUserName() };
  },
});
const sync = new SyncManager({
  warRoom,
  viewState,
  dataDir,
  // The browser view for viewer links, served by the hub this app hosts (built beside the window).
  webViewDir: join(here, '..', 'web-view'),
  ...(process.env.WARROOM_HUB_HOST ? { hubHost: process.env.WARROOM_HUB_HOST } : {}),
});

let mainWindow: BrowserWindow | null = null;
// The renderer is ready once it has subscribed and asked for app:info; until then, what must not be lost
// (a deep link to open, a notice) waits here.
let rendererReady = false;
const pending: { channel: EventChannel; payload: unknown }[] = [];

function send<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
  if (mainWindow && !mainWindow.isDestroyed() && rendererReady) mainWindow.webContents.send(channel, payload);
  else if (channel === 'app:open-incident' || channel === 'notify') pending.push({ channel, payload });
}

function flushPending(): void {
  rendererReady = true;
  for (const m of pending.splice(0)) mainWindow?.webContents.send(m.channel, m.payload);
}
const command = (c: AppCommand, arg?: string): void => send('app:command', { command: c, ...(arg ? { arg } : {}) });

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

let badge: ReturnType<typeof createUnsyncedBadge> | null = null;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// Customer-update promises: a reminder two minutes before one is due, and a record when one is missed.
const cadence = new CadenceWatcher({ warRoom });
cadence.onAlert((alert) => {
  const notice = noticeForCadence(alert);
  send('notify', notice);
  showNativeNotice(notice, focusWindow);
});

// Teams this person follows (a `warroom://team` link from `warroom invite --team`): an incident an alert opens for
// the team joins itself, appears in the list, and is announced by a desktop notification.
const teams = new TeamSubscriptions({
  sync,
  viewState,
  notify: (notice) => {
    send('notify', notice);
    showNativeNotice(notice, () => {
      focusWindow();
      if (notice.incident) send('app:open-incident', { incident: notice.incident });
    });
  },
  log: (line) => appLog.info(line),
});

const table = createIpcHandlers({
  warRoom,
  preferences,
  viewState,
  sync,
  teams,
  drafts: new DraftsService({ warRoom, timeZone: () => timeZone }),
  app: { version: app.getVersion(), platform: process.platform },
  chooseSavePath: (request) => chooseSavePath(mainWindow, request),
  renderPdf,
  writeClipboard: (text) => clipboard.writeText(text),
  openExternal: (url) => shell.openExternal(url),
  timeZone,
  exportProgress: (progress) => send('export:progress', progress),
});
const handlers = {
  ...table,
  'app:info': async (payload: unknown) => {
    const info = await table['app:info'](payload);
    setImmediate(flushPending);
    return info;
  },
  // Where the person is, so a window that crashed comes back to the same incident.
  'incident:open': async (payload: unknown) => {
    const opened = await table['incident:open'](payload);
    if (opened.ok) recovery.remember((payload as { incident: string }).incident);
    return opened;
  },
};

/**
 * A clicked `warroom://join` link: the join dialog, with the link in it (main/app/deep-link.ts says why).
 * A `warroom://team` link: the same dialog, which asks before following the team.
 */
function onDeepLink(link: string): void {
  focusWindow();
  // A team link asks in the join dialog, as a join link does: following one joins rooms by itself from then on.
  if (isTeamLink(link)) return command('join-room', link);
  const step = deepLinkStep(link);
  if (step.kind === 'error') send('notify', { kind: 'error', incident: null, title: 'Could not open the link', body: step.body });
  else command('join-room', step.link);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

async function createWindow(): Promise<void> {
  const win = createSecureWindow(BrowserWindow, join(here, 'preload.cjs'), restoredPlace(viewState));
  mainWindow = win;
  trackWindowState(win, viewState);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('did-start-loading', () => {
    rendererReady = false;
  });
  attachContextMenu(win.webContents);
  win.webContents.on('render-process-gone', (_e, details) => {
    const step = recovery.onGone(details);
    appLog.error(`renderer gone: ${details.reason} (exit ${details.exitCode}); ${step.action}`);
    if (step.action === 'reload') {
      rendererReady = false;
      if (step.reopen) pending.push({ channel: 'app:open-incident', payload: { incident: step.reopen } });
      win.webContents.reload();
    } else if (step.action === 'give-up') {
      dialog.showErrorBox('War Room', step.message);
    }
  });
  await win.loadFile(rendererIndex);
}

if (!registerDeepLinks((link) => void onDeepLink(link), focusWindow)) {
  app.quit();
} else {
  void app.whenReady().then(async () => {
    // Sealed by the keychain when there is one; a key sealed on a keychain now unavailable is never replaced silently.
    signer = await loadOrCreateSigner(dataDir, IDENTITY_FILE, safeStorageSealer());
    if (!signer) throw new Error(`${join(dataDir, IDENTITY_FILE)} is sealed by this account's keychain, which is not available now`);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    registerIpcHandlers(handlers, rendererIndexUrl, (e) => mainWindow !== null && e.sender === mainWindow.webContents);
    Menu.setApplicationMenu(
      buildAppMenu(command, {
        openExternal: (url) => void shell.openExternal(url),
        showLogFile: () => {
          const path = logFilePath();
          if (path) shell.showItemInFolder(path);
        },
      }),
    );
    badge = createUnsyncedBadge(() => mainWindow, {
      show: focusWindow,
      command: (c) => (focusWindow(), command(c)),
      quit: () => app.quit(),
    });
    startEventPump({
      warRoom,
      sync,
      send,
      notify: (notice) => showNativeNotice(notice, focusWindow),
      onSyncStatus: () => badge?.set(sync.totalUnsynced()),
    });
    await cadence.start();
    // A `warroom post` from a script on this machine shows live and goes on to the hub.
    stopWatchingLogs = watchLogs(warRoom, incidentsDir(dataDir));
    await sync.restore();
    teams.start();
    await createWindow();
    void startAutoUpdate(appLog);
  });
}

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) void createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let stopWatchingLogs: () => void = () => undefined;
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting) return;
  // Appends in flight finish (they are what "saved" promised) and peers see us leave, then quit for real.
  event.preventDefault();
  quitting = true;
  cadence.stop();
  teams.close();
  stopWatchingLogs();
  badge?.destroy();
  void Promise.allSettled([sync.close()])
    .then(() => warRoom.close())
    .finally(() => app.quit());
});

function safeUserName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me';
  }
}
