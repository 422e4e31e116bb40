import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether this copy of the app checks for updates: only a packaged build whose installer was made with a
 * publish URL (WARROOM_UPDATE_URL at build time), which is when electron-builder writes app-update.yml.
 * A development run or a build without a feed never phones anywhere.
 */
export function updateFeedConfigured(isPackaged: boolean, resourcesPath: string, exists: (p: string) => boolean = existsSync): boolean {
  return isPackaged && exists(join(resourcesPath, 'app-update.yml'));
}
