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
