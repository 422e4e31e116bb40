import type { CliContext } from './command.js';
import { incidentArg } from './command.js';
import type { WarRoom } from '../services/war-room.js';

/**
 * Opens the incident named by --incident for a command. Writes refuse a log with corrupt lines in the
 * middle (we would build on a state we cannot fully read); reads show what was skipped and go on.
 */
export async function openIncident(ctx: CliContext, mode: 'read' | 'write'): Promise<{ warRoom: WarRoom; incident: string }> {
  const incident = incidentArg(ctx);
  const warRoom = await ctx.warRoom();
  if (!(await warRoom.exists(incident))) throw new Error(`no incident "${incident}" in ${ctx.dataDir} (see: warroom list)`);
  const issues = await warRoom.issues(incident);
  const corrupt = issues.filter((i) => !i.cut);
  if (mode === 'write' && corrupt.length > 0) {
    throw new Error(
      `incident ${incident} has ${corrupt.length} corrupt line(s) (first: line ${corrupt[0]!.line}); nothing written. Run: warroom repair --incident ${incident}`,
    );
  }
  for (const issue of issues) ctx.err(`warroom: warning: ${incident} line ${issue.line}: ${issue.reason}`);
  return { warRoom, incident };
}
