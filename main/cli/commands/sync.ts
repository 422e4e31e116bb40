import { describeSyncStatus } from '../../sync/sync-status.js';
import { incidentArg, UsageError, type CliContext, type Command } from '../command.js';
import { HUB_OPTION_HELP, HUB_OPTIONS, hubTarget, openHubSession, type HubTarget } from '../hub-session.js';
import { untilSignal } from '../until-signal.js';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'bring an incident in line with a hub, once or live until stopped',
  usage:
    'warroom sync --incident ID --hub URL[,URL...] --token T [--fingerprint SHA256] [--once] (several hubs of one cluster: each tried in turn)',
  options: { incident: { type: 'string' }, ...HUB_OPTIONS, once: { type: 'boolean' } },
  optionHelp: {
    incident: 'the incident id (required)',
    ...HUB_OPTION_HELP,
    hub: "the hub's URL (required, with --token)",
    once: 'catch up both ways and exit, instead of staying live until Ctrl-C',
  },
  examples: ['warroom sync --incident inc_2x7k9m4q1b --hub https://hub.example.com --token "$TOKEN" --once'],
  async run(ctx) {
    const incident = incidentArg(ctx);
    const target = hubTarget(ctx.values);
    if (!target) throw new UsageError('--hub URL and --token T are required');
    if (ctx.values.once) {
      const session = await openHubSession(ctx, target, incident);
      try {
        const totals = await session.settle();
        ctx.err(`synced ${incident} with ${target.hubUrl}: sent ${totals.sent}, received ${totals.received}`);
      } finally {
        await session.close();
      }
      return 0;
    }
    return syncLive(ctx, target, incident);
  },
};

async function syncLive(ctx: CliContext, target: HubTarget, incident: string): Promise<number> {
  const warRoom = await ctx.warRoom();
  const { SyncClient } = await import('../../sync/sync-client.js');
  const client = new SyncClient({
    warRoom,
    incident,
    hubUrl: target.hubUrl,
    ...(target.alternates ? { alternates: target.alternates } : {}),
    token: target.token,
    fingerprint: target.fingerprint,
  });
  let last = '';
  let refusal: ((reason: string) => void) | null = null;
  const refused = new Promise<string>((resolve) => (refusal = resolve));
  client.onStatus((s) => {
    const line = describeSyncStatus(s);
    if (line !== last) ctx.err(`sync ${incident}: ${(last = line)}`);
    if (client.refusal) refusal?.(client.refusal);
  });
  // Entries written by other processes on this machine (the app, `warroom post`) are picked up from the log.
  const poll = setInterval(() => {
    void warRoom
      .exists(incident)
      .then((yes) => (yes ? warRoom.refresh(incident) : undefined))
      .catch(() => undefined);
  }, 1_000);
  client.start();
  const signal = untilSignal();
  try {
    const outcome = await Promise.race([signal.done.then(() => null), refused]);
    if (outcome !== null) {
      ctx.err(`warroom sync: ${outcome}`);
      return 1;
    }
    return 0;
  } finally {
    signal.dispose();
    clearInterval(poll);
    await client.stop();
  }
}
