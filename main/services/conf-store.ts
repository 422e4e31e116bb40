import Conf from 'conf';
import type { KeyValueStore } from './preferences.js';

/**
 * Preferences in plain Node (CLI, hub, tests): conf, the library electron-store wraps, on the same file
 * (`config.json` in the data directory), so the CLI and the desktop app share one set of preferences.
 */
export function openConfStore(dir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'war-room' });
  return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v) };
}
