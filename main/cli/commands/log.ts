import { logRows } from '../../../src/incident/timeline.js';
import type { Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const logCommand: Command = {
  name: 'log',
  summary: "print an incident's timeline, oldest first",
  usage: 'warroom log --incident ID [--json]',
  options: { incident: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: {
    incident: 'the incident id (see: warroom list) (required)',
    json: 'print the rows as a JSON array instead of one line each',
  },
  examples: ['warroom log --incident inc_2x7k9m4q1b'],
  async run(ctx) {
    const { warRoom, incident } = await openIncident(ctx, 'read');
    const rows = logRows(await warRoom.state(incident));
    if (ctx.values.json) {
      ctx.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    for (const r of rows) {
      const status = r.status ? ` [${r.status}]` : '';
      const subject = r.subject ? ` ${r.subject} —` : '';
      ctx.out(`${r.at}  ${r.author}  ${r.kind}${status}${subject} ${r.text}  (${r.entry})${r.retracted ? ' (retracted)' : ''}`);
    }
    return 0;
  },
};
