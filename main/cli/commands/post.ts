import { ENTRY_KINDS } from '../../../src/model/vocabulary.js';
import { incidentArg, oneOf, optional, required, unwrap, UsageError, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';
import { HUB_OPTIONS, hubTarget, openHubSession } from '../hub-session.js';

export const postCommand: Command = {
  name: 'post',
  summary: 'add a hypothesis, action or note; prints the entry id once it is on disk',
  usage:
    'warroom post --incident ID --kind hypothesis|action|note --text T [--links ID,ID] [--owner NAME] [--hub URL --token T [--fingerprint SHA256]]',
  options: {
    incident: { type: 'string' },
    kind: { type: 'string' },
    text: { type: 'string' },
    links: { type: 'string' },
    owner: { type: 'string' },
    ...HUB_OPTIONS,
  },
  async run(ctx) {
    const kind = oneOf(ctx.values, 'kind', ENTRY_KINDS, { required: true, noun: 'kind' });
    const text = required(ctx.values, 'text');
    const links = (optional(ctx.values, 'links') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (links.length && kind !== 'action') throw new UsageError('only actions take --links (the hypotheses they test)');
    const owner = optional(ctx.values, 'owner');
    if (owner !== undefined && kind === 'note') throw new UsageError('a note has no owner');
    // With --hub: catch up first (the incident may exist only on the hub), write locally, then push it.
    const hub = hubTarget(ctx.values);
    const session = hub ? await openHubSession(ctx, hub, incidentArg(ctx)) : null;
    try {
      const { warRoom, incident } = await openIncident(ctx, 'write');
      const data =
        kind === 'note'
          ? { text }
          : kind === 'action'
            ? { text, links, ...(owner ? { owner } : {}) }
            : { text, ...(owner ? { owner } : {}) };
      const event = unwrap(await warRoom.record(incident, `${kind}.added` as 'note.added', data));
      ctx.out(event.id);
      await session?.settle();
    } finally {
      await session?.close();
    }
    return 0;
  },
};
