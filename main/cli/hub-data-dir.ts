import { join } from 'node:path';
import type { CliContext } from './command.js';

/** The hub's own data dir: --data-dir as given, else WARROOM_HUB_DATA_DIR, else a "hub" folder beside the app's data, so the two never share files. */
export function hubDataDir(ctx: CliContext): string {
  if (typeof ctx.values['data-dir'] === 'string') return ctx.dataDir;
  return ctx.env.WARROOM_HUB_DATA_DIR || join(ctx.dataDir, 'hub');
}
