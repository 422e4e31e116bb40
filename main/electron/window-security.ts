import type { BrowserWindowConstructorOptions } from 'electron';

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

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
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
      spellcheck: true,
    },
  };
}

/** External links may open in the user's browser only when they are plain https (or mailto) URLs. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '') || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}
