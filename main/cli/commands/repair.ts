import { readFile, rename, writeFile } from 'node:fs/promises';
import { required, type Command } from '../command.js';

export const repairCommand: Command = {
  name: 'repair',
  summary: "set an incident log's corrupt lines aside (into a .rejected file beside it) so it can be written again",
  usage: 'warroom repair --incident ID',
  options: { incident: { type: 'string' } },
  async run(ctx) {
    const incident = required(ctx.values, 'incident');
    const warRoom = await ctx.warRoom();
    if (!(await warRoom.exists(incident))) throw new Error(`no incident "${incident}" in ${ctx.dataDir}`);
    const issues = (await warRoom.issues(incident)).filter((i) => !i.cut);
    if (issues.length === 0) {
      ctx.err(`incident ${incident}: nothing to repair`);
      return 0;
    }
    const path = warRoom.store.pathOf(incident);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const bad = new Set(issues.map((i) => i.line));
    const rejectedPath = `${path}.rejected-${Date.now()}`;
    // Nothing is thrown away: the bad lines go to a side file a person can read.
    await writeFile(rejectedPath, lines.filter((_, i) => bad.has(i + 1)).join('\n') + '\n');
    const tmp = `${path}.tmp`;
    await writeFile(tmp, lines.filter((l, i) => !bad.has(i + 1) && l.trim() !== '').join('\n') + '\n', { flush: true });
    await rename(tmp, path);
    ctx.err(`incident ${incident}: ${issues.length} line(s) moved to ${rejectedPath}`);
    return 0;
  },
};
