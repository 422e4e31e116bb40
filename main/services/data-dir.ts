import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'War Room';

/**
 * The directory Electron's app.getPath('userData') gives the desktop app, computed without Electron, so
 * the CLI works on the very same incidents. WARROOM_DATA_DIR overrides it (tests, scripts).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.WARROOM_DATA_DIR) return env.WARROOM_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

export const incidentsDir = (dataDir: string): string => join(dataDir, 'incidents');
