import { parseJoinLink } from '../../../src/sync/join-link.js';
import { onePositional, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { openHubSession } from '../hub-session.js';
import { joinConsentQuestion, KnownHubs } from '../../services/known-hubs.js';

export const joinCommand: Command = {
  name: 'join',
  summary: 'join an incident from a warroom://join link: syncs it once and prints its id',
  usage: 'warroom join LINK [--yes]',
  options: { yes: { type: 'boolean' } },
  optionHelp: {
    yes: 'share a local incident with a hub it was never shared with, or with a hub whose certificate changed (asked otherwise)',
  },
  examples: ["warroom join 'warroom://join?hub=https%3A%2F%2Fhub.example.com&incident=inc_2x7k9m4q1b&token=...'"],
  async run(ctx) {
    const link = parseJoinLink(onePositional(ctx, 'give exactly one warroom://join link (quote it: it contains "&")'));
    if (!link.ok) throw new UsageError(link.error);
    const { hub, alternates = [], incident, token, fingerprint } = link.value;
    // Nothing is sent before this: a link naming a stranger's hub (any of them) must not take a local incident with it.
    const known = new KnownHubs(ctx.dataDir);
    for (const url of [hub, ...alternates]) {
      const question = await joinConsentQuestion(await ctx.warRoom(), known, url, incident, fingerprint);
      if (question && !ctx.values.yes) {
        throw new Error(`${question} Nothing was sent. To share it, run again with --yes.`);
      }
    }
    const target = { hubUrl: hub, token, ...(alternates.length ? { alternates } : {}), ...(fingerprint ? { fingerprint } : {}) };
    const session = await openHubSession(ctx, target, incident);
    try {
      const totals = await session.settle();
      ctx.err(`joined ${incident} on ${hub}: received ${totals.received}, sent ${totals.sent}`);
    } finally {
      await session.close();
    }
    // Remembered only once joined: a hub that could not be reached is asked about again next time.
    for (const url of [hub, ...alternates]) await known.remember(url, incident, fingerprint);
    ctx.out(incident);
    return 0;
  },
};
