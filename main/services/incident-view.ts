import { fail, ok, type Result } from '../../src/model/result.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { WarRoom } from './war-room.js';

/**
 * What the window needs to show an incident: its events (re-read, in case the CLI appended) and the problems
 * found replaying its log. A room joined from a link (`shared`) has no local log until the first events
 * arrive, so it opens empty; an unknown id otherwise is a mistake.
 */
export async function openForView(
  warRoom: WarRoom,
  incident: string,
  { shared }: { shared: boolean },
): Promise<Result<{ events: readonly WarEvent[]; issues: string[]; settled: number | null }>> {
  const known = await warRoom.exists(incident);
  if (!known && !shared) return fail(`no incident "${incident}" on this machine`);
  if (!known) return ok({ events: [], issues: [], settled: null });
  await warRoom.refresh(incident);
  const issues = (await warRoom.issues(incident)).map((i) => `line ${i.line}: ${i.reason}${i.cut ? ' (cut)' : ''}`);
  const ordered = await warRoom.orderPosition(incident);
  return ok({ events: await warRoom.events(incident), issues, settled: (await warRoom.isHubOrdered(incident)) ? ordered : null });
}
