import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfStore } from '../../main/services/conf-store.js';
import { defaultDataDir } from '../../main/services/data-dir.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('preferences (conf on a temp dir, as electron-store in the app)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.cleanup());

  it('makes a stable actor id once and keeps what is set', () => {
    const prefs = new PreferencesService(openConfStore(dir.path));
    const first = prefs.get();
    expect(first.actorId).toMatch(/^u_[0-9a-z]+$/);
    prefs.update({ displayName: 'Alice', theme: 'dark', hubUrl: 'https://hub.example:7311' });
    const again = new PreferencesService(openConfStore(dir.path)).get();
    expect(again).toMatchObject({ actorId: first.actorId, displayName: 'Alice', theme: 'dark', hubUrl: 'https://hub.example:7311' });
  });

  it('changes only what a patch names', () => {
    const prefs = new PreferencesService(openConfStore(dir.path));
    prefs.update({ displayName: 'Bob', theme: 'dark', hubUrl: 'https://hub.example' });
    prefs.update({ theme: 'light' });
    expect(prefs.get()).toMatchObject({ displayName: 'Bob', theme: 'light', hubUrl: 'https://hub.example' });
  });

  it('refuses an invalid update and keeps the old values', () => {
    const prefs = new PreferencesService(openConfStore(dir.path));
    prefs.update({ theme: 'light' });
    expect(() => prefs.update({ theme: 'neon' as never })).toThrow(/invalid preferences/);
    expect(prefs.get().theme).toBe('light');
  });

  it('falls back to defaults for values that were edited into nonsense', async () => {
    await writeFile(join(dir.path, 'config.json'), JSON.stringify({ theme: 42, displayName: 'Bob' }));
    expect(new PreferencesService(openConfStore(dir.path)).get()).toMatchObject({ theme: 'system', displayName: 'Bob' });
  });

  it('shares the desktop app data directory on each platform', () => {
    expect(defaultDataDir({ HOME: '/home/a' }, 'linux')).toMatch(/\.config\/War Room$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/War Room');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.War Room$/);
    expect(defaultDataDir({ WARROOM_DATA_DIR: '/d' }, 'linux')).toBe('/d');
  });
});
