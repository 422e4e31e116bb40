import type { OptionSpec } from './context.js';

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  'data-dir': { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMON_HELP: Record<string, string> = {
  'data-dir': "where incidents live (default: the app's own data directory; or WARROOM_DATA_DIR)",
  name: 'who is writing, as teammates see it (default: the name saved in the app, else $USER)',
  help: 'show this help',
};
