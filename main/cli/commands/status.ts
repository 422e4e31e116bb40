import { INCIDENT_STATUSES } from '../../../src/model/vocabulary.js';
import { oneOf, unwrap, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const statusCommand: Command = {
  name: 'status',
  summary: "set the incident's status",
  usage: `warroom status --incident ID --status ${INCIDENT_STATUSES.join('|')}`,
  options: { incident: { type: 'string' }, status: { type: 'string' } },
  optionHelp: {
    incident: 'the incident id (required)',
    status: `the new status: ${INCIDENT_STATUSES.join(', ')} (required)`,
  },
  choices: { status: INCIDENT_STATUSES },
  examples: ['warroom status --incident inc_2x7k9m4q1b --status identified'],
  async run(ctx) {
    const status = oneOf(ctx.values, 'status', INCIDENT_STATUSES, { required: true });
    const { warRoom, incident } = await openIncident(ctx, 'write');
    const state = await warRoom.state(incident);
    if (state.status === status) throw new Error(`incident ${incident} is already ${status}`);
    const event = unwrap(await warRoom.record(incident, 'incident.updated', { status }));
    ctx.out(event.id);
    return 0;
  },
};
