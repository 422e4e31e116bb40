import { ENTRY_KINDS } from '../../../src/model/vocabulary.js';
import { incidentArg, oneOf, optional, required, unwrap, UsageError, type Command } from '../command.js';
import { readInviteRole } from '../../hub/invite-token.js';
import { openIncident } from '../open-incident.js';
import { HUB_OPTION_HELP, HUB_OPTIONS, hubTarget, openHubSession } from '../hub-session.js';

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
  optionHelp: {
    incident: 'the incident id (required)',
    kind: `${ENTRY_KINDS.join(', ')} (required)`,
    text: 'what you think, did or saw (required)',
    links: 'for an action: the hypothesis ids it tests, comma-separated',
    owner: 'for a hypothesis or an action: who is on it',
    ...HUB_OPTION_HELP,
    hub: 'also send it to this hub (after catching up with it); needs --token',
  },
  choices: { kind: ENTRY_KINDS },
  examples: [
    'warroom post --incident inc_2x7k9m4q1b --kind hypothesis --text "primary database stalled while replicating to its replicas"',
    'warroom post --hub https://hub.example.com --token "$TOKEN" --incident inc_2x7k9m4q1b --kind action --text "rolled back release 42"',
  ],
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
    // The hub would refuse a viewer's post after it was written here: refuse it first, so nothing is.
    if (hub && readInviteRole(hub.token) === 'viewer')
      throw new Error('this invite is read-only (viewer): ask the hub host for an editor invite to post; nothing was written');
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
