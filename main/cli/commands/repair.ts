import { incidentArg, type Command } from '../command.js';

export const repairCommand: Command = {
  name: 'repair',
  summary: "set an incident log's corrupt lines aside (into a .rejected file beside it) so it can be written again",
  usage: 'warroom repair --incident ID',
  options: { incident: { type: 'string' } },
  optionHelp: { incident: 'the incident whose log has corrupt lines (required)' },
  examples: ['warroom repair --incident inc_2x7k9m4q1b'],
  async run(ctx) {
    const incident = incidentArg(ctx);
    const warRoom = await ctx.warRoom();
    if (!(await warRoom.exists(incident))) throw new Error(`no incident "${incident}" in ${ctx.dataDir}`);
    const repaired = await warRoom.repair(incident);
    if (!repaired.ok) throw new Error(repaired.error);
    if (repaired.value === null) ctx.err(`incident ${incident}: nothing to repair`);
    else ctx.err(`incident ${incident}: ${repaired.value.moved} line(s) moved to ${repaired.value.rejectedPath}`);
    return 0;
  },
};
