import Conf from 'conf';
import type { KeyValueStore } from './preferences.js';

/**
 * Preferences in plain Node (CLI, hub, tests): conf, the library electron-store wraps, on the same file
 * (`config.json` in the data directory), so the CLI and the desktop app share one set of preferences.
 */
export function openConfStore(dir: string): KeyValueStore {
  // 0600: the preferences can hold saved invite tokens.
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'war-room', configFileMode: 0o600 });
  return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v) };
}
