// A stand-in for the `electron` module, for running the built main process under plain Node: it records
// every call (globalThis.__electron.calls) and answers with plausible values. Not a mock of behaviour: the
// test asserts on what the app asked Electron to do.
'use strict';
const { EventEmitter } = require('node:events');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const state = (globalThis.__electron ??= { calls: [], windows: [], menus: [], trays: [], handlers: new Map(), quitting: 0, exited: false });
const record = (name, ...args) => state.calls.push({ name, args });

class Emitter extends EventEmitter {}

const paths = {
  userData: join(tmpdir(), 'warroom-glue-userdata'),
  logs: join(tmpdir(), 'warroom-glue-logs'),
  temp: tmpdir(),
  home: tmpdir(),
  appData: tmpdir(),
};
let ready = false;
let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));

const app = new Emitter();
Object.assign(app, {
  name: 'War Room',
  isPackaged: false,
  getName: () => 'War Room',
  getVersion: () => '0.1.0-glue',
  getPath: (n) => (record('app.getPath', n), paths[n] ?? tmpdir()),
  setPath: (n, p) => (record('app.setPath', n, p), (paths[n] = p)),
  whenReady: () => readyPromise,
  isReady: () => ready,
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  setAsDefaultProtocolClient: (...a) => (record('app.setAsDefaultProtocolClient', ...a), true),
  setAppUserModelId: (id) => record('app.setAppUserModelId', id),
  setAboutPanelOptions: (o) => record('app.setAboutPanelOptions', o),
  setBadgeCount: (n) => (record('app.setBadgeCount', n), true),
  quit: () => {
    record('app.quit');
    state.quitting++;
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      state.exited = true;
      app.emit('will-quit', { preventDefault: () => undefined });
      app.emit('quit');
    }
  },
  /** Test control: fire `ready` as Electron would once it has started. */
  __becomeReady: () => {
    ready = true;
    app.emit('ready');
    resolveReady();
  },
});

function webContentsStandIn(owner) {
  const wc = new Emitter();
  Object.assign(wc, {
    id: state.windows.length + 1,
    mainFrame: { url: '' },
    session: { addWordToSpellCheckerDictionary: (w) => record('session.addWord', w) },
    send: (channel, payload) => record('webContents.send', channel, payload),
    setWindowOpenHandler: (h) => record('webContents.setWindowOpenHandler', typeof h),
    reload: () => record('webContents.reload'),
    replaceMisspelling: (w) => record('webContents.replaceMisspelling', w),
    printToPDF: async () => Buffer.from('%PDF-'),
    isDestroyed: () => false,
    owner,
  });
  return wc;
}

class BrowserWindow extends Emitter {
  static getAllWindows() {
    return state.windows.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.destroyed = false;
    this.webContents = webContentsStandIn(this);
    state.windows.push(this);
  }
  async loadFile(path) {
    record('BrowserWindow.loadFile', path);
    this.loaded = path;
    this.webContents.mainFrame.url = `file://${path}`;
    setImmediate(() => this.emit('ready-to-show'));
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', url.slice(0, 40));
  }
  show() {
    record('BrowserWindow.show');
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1280, height: 820 };
  }
  getBounds() {
    return this.getNormalBounds();
  }
  destroy() {
    this.destroyed = true;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

const Menu = {
  buildFromTemplate: (template) => {
    const menu = { template, popup: () => record('Menu.popup') };
    state.menus.push(menu);
    return menu;
  },
  setApplicationMenu: (menu) => (record('Menu.setApplicationMenu'), (state.appMenu = menu)),
};

class Tray extends Emitter {
  constructor(image) {
    super();
    record('new Tray', typeof image);
    state.trays.push(this);
  }
  setToolTip(t) {
    this.toolTip = t;
  }
  setTitle() {}
  setContextMenu(menu) {
    record('Tray.setContextMenu');
    this.menu = menu;
  }
  destroy() {
    record('Tray.destroy');
    this.destroyed = true;
  }
}

const ipcMain = new Emitter();
ipcMain.handle = (channel, fn) => (record('ipcMain.handle', channel), state.handlers.set(channel, fn));
ipcMain.removeHandler = (channel) => state.handlers.delete(channel);

const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn) => record('session.onHeadersReceived', typeof fn) },
    setPermissionRequestHandler: (fn) => record('session.setPermissionRequestHandler', typeof fn),
    setPermissionCheckHandler: (fn) => record('session.setPermissionCheckHandler', typeof fn),
    getPreloads: () => [],
    setPreloads: (p) => record('session.setPreloads', p),
  },
};

const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
const nativeImage = {
  createFromDataURL: (u) => ({ dataUrl: u.slice(0, 30) }),
  createFromPath: (p) => ({ path: p }),
  createEmpty: () => ({}),
};
const shell = { openExternal: async (u) => record('shell.openExternal', u), showItemInFolder: (p) => record('shell.showItemInFolder', p) };
const clipboard = { writeText: (t) => record('clipboard.writeText', t) };
const dialog = { showErrorBox: (t, m) => record('dialog.showErrorBox', t, m), showSaveDialog: async () => ({ canceled: true }) };
const Notification = Object.assign(
  class Notification extends Emitter {
    show() {}
  },
  { isSupported: () => false },
);
const webContents = { getAllWebContents: () => state.windows.map((w) => w.webContents) };

// The main process's modules (no ipcRenderer or contextBridge: libraries test for those to tell they run in a renderer).
// Shorthand only: Node finds the named exports of a CommonJS module for `import { app } from 'electron'` this way.
// The OS keychain: a reversible stand-in (XOR), so a key sealed on one run opens on the next, and the test can
// see that the identity key went through it.
const xor = (buf) => Buffer.from(buf.map((b) => b ^ 0x5a));
const safeStorage = {
  isEncryptionAvailable: () => (record('safeStorage.isEncryptionAvailable'), true),
  encryptString: (plain) => (record('safeStorage.encryptString'), xor(Buffer.from(plain, 'utf8'))),
  decryptString: (sealed) => (record('safeStorage.decryptString'), xor(Buffer.from(sealed)).toString('utf8')),
};

module.exports = {
  app,
  BrowserWindow,
  Menu,
  Tray,
  ipcMain,
  session,
  screen,
  nativeImage,
  shell,
  clipboard,
  dialog,
  Notification,
  webContents,
  safeStorage,
};
