import { statusChange } from '../../../src/incident/commands.js';
import { optional, required, unwrap, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const setCommand: Command = {
  name: 'set',
  summary: 'change the status of a hypothesis or an action, with the evidence or result',
  usage: 'warroom set --incident ID --entry ID --status S [--text EVIDENCE]',
  options: { incident: { type: 'string' }, entry: { type: 'string' }, status: { type: 'string' }, text: { type: 'string' } },
  async run(ctx) {
    const entry = required(ctx.values, 'entry');
    const status = required(ctx.values, 'status');
    const { warRoom, incident } = await openIncident(ctx, 'write');
    const change = unwrap(statusChange(await warRoom.state(incident), entry, status, optional(ctx.values, 'text')));
    const event = unwrap(await warRoom.record(incident, change.kind, change.data));
    ctx.out(event.id);
    return 0;
  },
};
