import { parseJoinLink } from '../../../src/sync/join-link.js';
import { onePositional, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { openHubSession } from '../hub-session.js';

export const joinCommand: Command = {
  name: 'join',
  summary: 'join an incident from a warroom://join link: syncs it once and prints its id',
  usage: 'warroom join LINK',
  options: {},
  async run(ctx) {
    const link = parseJoinLink(onePositional(ctx, 'give exactly one warroom://join link (quote it: it contains "&")'));
    if (!link.ok) throw new UsageError(link.error);
    const { hub, incident, token, fingerprint } = link.value;
    const session = await openHubSession(ctx, { hubUrl: hub, token, ...(fingerprint ? { fingerprint } : {}) }, incident);
    try {
      const totals = await session.settle();
      ctx.err(`joined ${incident} on ${hub}: received ${totals.received}, sent ${totals.sent}`);
    } finally {
      await session.close();
    }
    ctx.out(incident);
    return 0;
  },
};
