import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { ID_PATTERN } from '../../src/model/ids.js';
import type { WarRoom } from './war-room.js';

/**
 * Picks up what other processes append to the logs this app has open (a `warroom post` from a deploy script,
 * a CLI on the same machine), so it shows live and goes on to the hub. Our own appends wake it too; those
 * are read back and ignored by id.
 */
export function watchLogs(
  warRoom: WarRoom,
  dir: string,
  options: { debounceMs?: number; onError?: (e: unknown) => void } = {},
): () => void {
  const debounceMs = options.debounceMs ?? 50;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  mkdirSync(dir, { recursive: true });
  let watcher: FSWatcher | null = watch(dir, (_event, file) => {
    const name = typeof file === 'string' ? file : '';
    if (!name.endsWith('.jsonl')) return;
    const incident = name.slice(0, -'.jsonl'.length);
    if (!ID_PATTERN.test(incident) || !warRoom.isLoaded(incident) || timers.has(incident)) return;
    timers.set(
      incident,
      setTimeout(() => {
        timers.delete(incident);
        warRoom.refresh(incident).catch((e: unknown) => options.onError?.(e));
      }, debounceMs),
    );
  });
  watcher.on('error', (e) => options.onError?.(e));
  return () => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    watcher?.close();
    watcher = null;
  };
}
