import { createRequire } from 'node:module';

/** The part of electron-log used here. Loaded by require: its type declarations add a global `Window` that clashes with the Node-side types. */
interface ElectronLog {
  info(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  error(...a: unknown[]): void;
  transports: { file: { level: string | false; getFile(): { path: string } }; console: { level: string | false } };
  errorHandler: { startCatching(o: { showDialog: boolean }): void };
}

const log = createRequire(import.meta.url)('electron-log/main') as ElectronLog;

/**
 * The app's log file (Linux ~/.config/War Room/logs/main.log, macOS ~/Library/Logs/War Room, Windows
 * %APPDATA%\War Room\logs): what a person attaches to a bug report. Main process only: no preload is
 * injected into the window (electron-log's initialize() would add one).
 */
export function openAppLog(): { info(message: string): void; warn(message: string): void; error(message: string): void } {
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.WARROOM_LOG_CONSOLE ? 'info' : false;
  log.errorHandler.startCatching({ showDialog: false });
  return { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };
}

export function logFilePath(): string | null {
  try {
    return log.transports.file.getFile().path;
  } catch {
    return null;
  }
}
