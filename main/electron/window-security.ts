import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/**
 * Every window's security settings, in one place a unit test checks. The renderer is untrusted: it gets no
 * Node, runs sandboxed and isolated, and reaches main only through the preload's `window.warroom`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates an app window. The options are written out here, in the `new BrowserWindow({...})` itself, rather
 * than built elsewhere and passed in: a static scanner (electronegativity in CI) can then see every flag.
 * Electron's class is passed in so this file stays importable (and testable) without Electron.
 */
export function createSecureWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string, place: Partial<Rectangle> = {}): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    ...place,
    minWidth: 720,
    minHeight: 480,
    title: 'War Room',
    show: false,
    backgroundColor: '#10151c',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links in a new window, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
}

/**
 * A hidden window that only renders an exported HTML report to PDF: no preload, no JavaScript at all.
 */
export function createPrintWindow<W>(BrowserWindow: WindowConstructor<W>): W {
  return new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      javascript: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/** Records the options a window would be created with, without Electron. */
class OptionsRecorder {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

/** The options of an app window (what `createSecureWindow` passes to Electron). */
export function windowOptions(preloadPath: string, place: Partial<Rectangle> = {}): BrowserWindowConstructorOptions {
  return createSecureWindow(OptionsRecorder, preloadPath, place).options;
}

/** The options of the PDF print window. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return createPrintWindow(OptionsRecorder).options;
}

export { isAllowedExternalUrl } from '../app/external-links.js';
