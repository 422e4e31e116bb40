// Starts the built main process (dist/main/index.js) on the stand-in, drives it through ready and quit,
// and prints one JSON report of what it asked Electron to do.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
const waitUntil = async (check, what, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const report = { errors: [] };
process.on('uncaughtException', (e) => report.errors.push(String(e?.stack ?? e)));
process.on('unhandledRejection', (e) => report.errors.push(String(e?.stack ?? e)));
try {
  await import(pathToFileURL(entry).href);
  const electron = (await import('electron')).default;
  electron.app.__becomeReady();
  await waitUntil(() => globalThis.__electron.windows.some((w) => w.loaded), 'the window to load its page');
  const win = globalThis.__electron.windows.find((w) => w.loaded);
  // A renderer crash: the window reloads.
  win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  // A second launch: the open window comes forward.
  electron.app.emit('second-instance', {}, ['war-room'], '/');
  report.readyReached = true;
  report.handlers = [...globalThis.__electron.handlers.keys()];
  report.window = {
    options: win.options,
    loaded: win.loaded,
    loadedExists: existsSync(win.loaded),
    preloadExists: existsSync(win.options.webPreferences.preload),
  };
  report.appMenu = globalThis.__electron.appMenu?.template.map((m) => m.label ?? m.role);
  report.helpMenu = globalThis.__electron.appMenu?.template.find((m) => m.role === 'help')?.submenu.map((i) => i.label ?? i.role ?? i.type);
  report.trayMenus = globalThis.__electron.trays.map((t) => t.menu?.template.map((i) => i.label ?? i.type));
  report.contextMenuListener = win.webContents.listenerCount('context-menu');
  electron.app.quit();
  await waitUntil(() => globalThis.__electron.exited, 'the app to quit after before-quit', 20_000);
  report.exited = true;
  report.calls = globalThis.__electron.calls.map((c) => c.name);
  report.callArgs = Object.fromEntries(
    ['app.setAboutPanelOptions', 'webContents.reload', 'Tray.destroy'].map((n) => [
      n,
      globalThis.__electron.calls.filter((c) => c.name === n).length,
    ]),
  );
} catch (e) {
  report.errors.push(String(e?.stack ?? e));
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
