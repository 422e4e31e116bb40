import { parseJoinLink } from '../../src/sync/join-link.js';

/** The scheme of War Room join links; registered with the OS so clicking one opens the app. */
export const LINK_SCHEME = 'warroom';

/**
 * Finds a `warroom://` link among command-line arguments (Windows and Linux pass the clicked link to a new
 * instance this way). Only the first one counts; anything else on the command line is ignored.
 */
export function findLinkArgument(argv: readonly string[]): string | null {
  for (const arg of argv) if (typeof arg === 'string' && arg.toLowerCase().startsWith(`${LINK_SCHEME}://`)) return arg.slice(0, 8192);
  return null;
}

/**
 * What a clicked `warroom://join` link does: always opens the join dialog with the link in it, never joins by
 * itself. A link is someone else's words; whether to connect to their hub (and, for an incident held here,
 * to send it there) is the person's to decide, every time, even for a hub and incident they know.
 */
export function deepLinkStep(link: string): { kind: 'ask'; link: string } | { kind: 'error'; body: string } {
  const parsed = parseJoinLink(link);
  return parsed.ok ? { kind: 'ask', link } : { kind: 'error', body: parsed.error };
}
