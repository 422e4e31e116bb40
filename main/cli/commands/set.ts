import { statusChange } from '../../../src/incident/commands.js';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES } from '../../../src/model/vocabulary.js';
import { checkOneOf } from '../args.js';
import { optional, required, unwrap, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const setCommand: Command = {
  name: 'set',
  summary: 'change the status of a hypothesis or an action, with the evidence or result',
  usage: 'warroom set --incident ID --entry ID --status S [--text EVIDENCE]',
  options: { incident: { type: 'string' }, entry: { type: 'string' }, status: { type: 'string' }, text: { type: 'string' } },
  optionHelp: {
    incident: 'the incident id (required)',
    entry: 'the hypothesis or action id that `warroom post` printed (required)',
    status: `a hypothesis: ${HYPOTHESIS_STATUSES.join(', ')}; an action: ${ACTION_STATUSES.join(', ')} (required)`,
    text: 'the evidence or result, shown beside the change',
  },
  choices: { status: [...new Set([...HYPOTHESIS_STATUSES, ...ACTION_STATUSES])] },
  examples: ['warroom set --incident inc_2x7k9m4q1b --entry e_8d1v0c3n5s --status ruled-out --text "one MAC answers"'],
  async run(ctx) {
    const entry = required(ctx.values, 'entry');
    const status = checkOneOf('status', required(ctx.values, 'status'), setCommand.choices!.status!);
    const { warRoom, incident } = await openIncident(ctx, 'write');
    const change = unwrap(statusChange(await warRoom.state(incident), entry, status, optional(ctx.values, 'text')));
    const event = unwrap(await warRoom.record(incident, change.kind, change.data));
    ctx.out(event.id);
    return 0;
  },
};
