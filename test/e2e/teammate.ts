import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { isInvokeChannelName } from '../../src/ipc/channels.js';
import type { EventChannel, EventPayloads } from '../../src/ipc/contract.js';
import { fail } from '../../src/model/result.js';
import { startEventPump } from '../../main/ipc/event-pump.js';
import { noticeForCadence } from '../../main/app/notices.js';
import { CadenceWatcher } from '../../main/services/cadence-watcher.js';
import { createIpcHandlers, type IpcHandlerTable } from '../../main/ipc/handlers.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { TeamSubscriptions } from '../../main/sync/team-subscriptions.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { WarRoom } from '../../main/services/war-room.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';

/**
 * One person at their desk: the real main-process services (war room on a temp data dir, preferences,
 * sync, drafts) in this Node process, the very IPC handler table main/index.ts registers, and a browser page
 * whose `window.warroom` calls that table (page.exposeFunction) and receives main's pushes (page.evaluate).
 */
export interface Teammate {
  name: string;
  dataDir: string;
  page: Page;
  context: BrowserContext;
  warRoom: WarRoom;
  sync: SyncManager;
  /** The teams this person follows, as main/index.ts wires them. */
  teams: TeamSubscriptions;
  handlers: IpcHandlerTable;
  /** A push from main, as webContents.send makes it (a deep link's command, a notice). */
  send<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Text the app put on the clipboard, last first. */
  clipboard: string[];
  /** IPC calls made by the page, in order (channel names only). */
  calls: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export interface TeammateOptions {
  name: string;
  colorScheme?: 'light' | 'dark';
  /** Reuse a data dir (e.g. one prepared with a big log); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Runs before the page loads (e.g. to write a log file). */
  prepare?: (dataDir: string) => Promise<void>;
  /** Watch the customer-update cadence as main/index.ts does (due-soon and overdue notices, update.overdue records). */
  cadence?: boolean;
  /** Incidents this person looked at a moment ago: they open where the person left them, not on the catch-up view. */
  seenRecently?: string[];
  /** More context options, for callers outside Playwright Test (the bench), which has no config to supply baseURL. */
  contextOptions?: BrowserContextOptions;
  /** A fake clock for the services (events are stamped with it), for pictures that must come out the same twice. */
  now?: () => number;
  /** Freezes the page's Date at this time (timers still run), with `now`, for the same reason. */
  pageTime?: number;
}

export async function startTeammate(browser: Browser, options: TeammateOptions): Promise<Teammate> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), `warroom-e2e-${options.name.toLowerCase()}-`)));
  await options.prepare?.(dataDir);
  const kv = openConfStore(dataDir);
  const preferences = new PreferencesService(kv);
  preferences.update({ displayName: options.name });
  const viewState = new ViewState(kv);
  // As the app does: this install's key, in its own 0600 file in the data dir.
  const signer = (await loadOrCreateSigner(dataDir))!;
  for (const incident of options.seenRecently ?? []) viewState.setLastSeen(incident, Date.now());
  const warRoom = new WarRoom({
    signer,
    store: new IncidentLogStore(incidentsDir(dataDir)),
    ...(options.now ? { now: options.now } : {}),
    actor: () => {
      const p = preferences.get();
      return { id: p.actorId, name: p.displayName };
    },
  });
  // The embedded hub serves the browser view as the app's does (npm run test:e2e builds it into dist/web-view).
  const sync = new SyncManager({ warRoom, viewState, dataDir, hubPort: 0, webViewDir: 'dist/web-view' });
  const clipboard: string[] = [];
  // Notices go to the page once it is there (send is defined below, as main/index.ts's is).
  const teams = new TeamSubscriptions({ sync, viewState, notify: (notice) => send('notify', notice) });
  const handlers = createIpcHandlers({
    warRoom,
    preferences,
    viewState,
    sync,
    teams,
    drafts: new DraftsService({ warRoom, timeZone: () => 'UTC', ...(options.now ? { now: options.now } : {}) }),
    app: { version: 'e2e', platform: process.platform },
    chooseSavePath: async (request) => join(dataDir, request.suggestedName),
    writeClipboard: (text) => void clipboard.unshift(text),
    openExternal: async () => undefined,
    timeZone: 'UTC',
  });

  // An axe scan needs a page from browser.newContext() (RECIPES.md); each person gets their own context.
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', ...options.contextOptions });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  const calls: string[] = [];
  // Payloads and results cross as JSON text: Playwright's own value serialiser is slow for a 50,000-event
  // answer, a string is not. (Electron's structured clone plays this part in the app.)
  await page.exposeFunction('__warroomInvoke', async (channel: unknown, payloadJson: unknown) => {
    if (!isInvokeChannelName(channel)) return JSON.stringify(fail(`unknown channel "${String(channel)}"`));
    calls.push(channel);
    const payload: unknown = typeof payloadJson === 'string' ? JSON.parse(payloadJson) : undefined;
    return JSON.stringify(await handlers[channel](payload));
  });
  // Run through tsx (the bench), esbuild wraps named functions in a `__name` helper that functions sent to
  // the page would call; give the page a no-op one. Harmless under Playwright Test, which adds no such calls.
  await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await page.addInitScript(() => {
    type Listener = (payload: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    // globalThis, not window: this file is also type-checked without the DOM lib (bench/renderer.bench.ts).
    const w = globalThis as unknown as {
      __warroomInvoke: (c: string, p: string | undefined) => Promise<string>;
      __warroomDispatch: (c: string, p: unknown) => void;
      warroom: unknown;
    };
    // The same shape the preload exposes: invoke and on, nothing else.
    w.warroom = Object.freeze({
      invoke: async (channel: string, payload: unknown) =>
        JSON.parse(await w.__warroomInvoke(channel, payload === undefined ? undefined : JSON.stringify(payload))) as unknown,
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set<Listener>();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    });
    w.__warroomDispatch = (channel, payload) => {
      for (const l of listeners.get(channel) ?? []) l(payload);
    };
  });

  // Main -> renderer pushes, in order, one at a time (like webContents.send).
  let chain = Promise.resolve();
  const send = <E extends EventChannel>(channel: E, payload: EventPayloads[E]): void => {
    chain = chain.then(() =>
      page
        .evaluate(
          ([c, p]) => (globalThis as unknown as { __warroomDispatch?: (c: string, p: unknown) => void }).__warroomDispatch?.(c, p),
          [channel, payload] as const,
        )
        .catch(() => undefined),
    );
  };
  const stopPump = startEventPump({ warRoom, sync, send });
  const cadence = options.cadence ? new CadenceWatcher({ warRoom }) : null;
  cadence?.onAlert((alert) => send('notify', noticeForCadence(alert)));
  await cadence?.start();

  if (options.pageTime !== undefined) await page.clock.setFixedTime(options.pageTime);
  await page.goto('/');
  // A person cannot press Ctrl+N before the window has drawn; a test can, so it waits for the app to say it is ready.
  await expect(page.locator('html[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  return {
    name: options.name,
    dataDir,
    page,
    context,
    warRoom,
    sync,
    teams,
    handlers,
    send,
    clipboard,
    calls,
    consoleErrors,
    async close() {
      stopPump();
      cadence?.stop();
      teams.close();
      await sync.close();
      await chain;
      await context.close();
      await warRoom.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
