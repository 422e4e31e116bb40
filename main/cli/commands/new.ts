import { SEVERITIES } from '../../../src/model/vocabulary.js';
import { optional, required, unwrap, type Command } from '../command.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'open a new incident; prints its id',
  usage: `warroom new --title T [--severity ${SEVERITIES.join('|')}] [--summary S]`,
  options: { title: { type: 'string' }, severity: { type: 'string' }, summary: { type: 'string' } },
  async run(ctx) {
    const warRoom = await ctx.warRoom();
    const event = unwrap(
      await warRoom.createIncident({
        title: required(ctx.values, 'title'),
        severity: optional(ctx.values, 'severity')?.toUpperCase(),
        summary: optional(ctx.values, 'summary'),
      }),
    );
    ctx.out(event.incident);
    return 0;
  },
};
