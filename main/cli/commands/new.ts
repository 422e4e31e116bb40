import { SEVERITIES } from '../../../src/model/vocabulary.js';
import { checkOneOf } from '../args.js';
import { optional, required, unwrap, type Command } from '../command.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'open a new incident; prints its id',
  usage: `warroom new --title T [--severity ${SEVERITIES.join('|')}] [--summary S]`,
  options: { title: { type: 'string' }, severity: { type: 'string' }, summary: { type: 'string' } },
  optionHelp: {
    title: 'what is broken, as customers see it (required)',
    severity: `how bad: ${SEVERITIES.join(', ')} (default SEV2)`,
    summary: 'a first sentence or two on what is known',
  },
  choices: { severity: SEVERITIES },
  examples: ['warroom new --title "Checkout failing for EU customers" --severity SEV1'],
  async run(ctx) {
    const title = required(ctx.values, 'title');
    const severity = optional(ctx.values, 'severity')?.toUpperCase();
    if (severity !== undefined) checkOneOf('severity', severity, SEVERITIES);
    const warRoom = await ctx.warRoom();
    const event = unwrap(await warRoom.createIncident({ title, severity, summary: optional(ctx.values, 'summary') }));
    ctx.out(event.incident);
    return 0;
  },
};
