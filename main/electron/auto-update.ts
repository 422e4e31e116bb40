import { app } from 'electron';
import { updateFeedConfigured } from '../app/update-policy.js';

/** Checks the build's update feed, if it has one (main/app/update-policy.ts), and offers what it finds. */
export async function startAutoUpdate(log: { info(m: string): void; warn(m: string): void }): Promise<void> {
  if (!updateFeedConfigured(app.isPackaged, process.resourcesPath)) return;
  try {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.logger = {
      info: (m: unknown) => log.info(String(m)),
      warn: (m: unknown) => log.warn(String(m)),
      error: (m: unknown) => log.warn(String(m)),
      debug: () => undefined,
    };
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (e) {
    // Offline during an outage is normal: the app works on, and checks again next start.
    log.warn(`update check failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
