import { IMPACT_LEVELS } from '../../../src/model/vocabulary.js';
import { oneOf, optional, required, unwrap, UsageError, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const impactCommand: Command = {
  name: 'impact',
  summary: 'record an affected customer (or update one already listed under that name)',
  usage: `warroom impact --incident ID --customer NAME [--level ${IMPACT_LEVELS.join('|')}] [--contact C] [--verified] [--notified] [--credit TEXT]`,
  options: {
    incident: { type: 'string' },
    customer: { type: 'string' },
    level: { type: 'string' },
    contact: { type: 'string' },
    verified: { type: 'boolean' },
    notified: { type: 'boolean' },
    credit: { type: 'string' },
  },
  optionHelp: {
    incident: 'the incident id (required)',
    customer: "the customer's name; an existing one (any case) is updated (required)",
    level: `how hard they are hit: ${IMPACT_LEVELS.join(', ')} (new customers default to major)`,
    contact: 'who to tell there (name, email or phone)',
    verified: 'the contact was checked and is current',
    notified: 'they were told, now',
    credit: 'what they were offered, e.g. "10% of March"',
  },
  choices: { level: IMPACT_LEVELS },
  examples: ['warroom impact --incident inc_2x7k9m4q1b --customer "Acme Corp" --level critical --contact ops@acme.example'],
  async run(ctx) {
    const customer = required(ctx.values, 'customer').trim();
    const level = oneOf(ctx.values, 'level', IMPACT_LEVELS);
    const { warRoom, incident } = await openIncident(ctx, 'write');
    const state = await warRoom.state(incident);
    const fields = {
      ...(level ? { level } : {}),
      ...(optional(ctx.values, 'contact') !== undefined ? { contact: optional(ctx.values, 'contact') } : {}),
      ...(ctx.values.verified ? { contactVerified: true } : {}),
      ...(ctx.values.notified ? { notifiedAt: Date.now() } : {}),
      ...(optional(ctx.values, 'credit') !== undefined ? { credit: optional(ctx.values, 'credit') } : {}),
    };
    const existing = state.impactOrder
      .map((id) => state.impacts[id]!)
      .find((i) => !i.retracted && i.customer.toLowerCase() === customer.toLowerCase());
    if (existing) {
      if (Object.keys(fields).length === 0) throw new UsageError(`${customer} is already listed; give something to change`);
      ctx.out(unwrap(await warRoom.record(incident, 'impact.updated', { target: existing.id, ...fields })).id);
    } else {
      ctx.out(unwrap(await warRoom.record(incident, 'impact.added', { customer, level: 'major', ...fields })).id);
    }
    return 0;
  },
};
