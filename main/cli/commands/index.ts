import type { Command } from '../command.js';

/** A command by name, loaded only when it runs: `warroom post` never loads the hub's socket.io or prom-client. */
export interface LazyCommand {
  name: string;
  load(): Promise<Command>;
}

/** Every `warroom` command, in the order `warroom --help` lists them. Add a command by adding a line. */
export const COMMANDS: LazyCommand[] = [
  { name: 'new', load: async () => (await import('./new.js')).newCommand },
  { name: 'list', load: async () => (await import('./list.js')).listCommand },
  { name: 'post', load: async () => (await import('./post.js')).postCommand },
  { name: 'set', load: async () => (await import('./set.js')).setCommand },
  { name: 'status', load: async () => (await import('./status.js')).statusCommand },
  { name: 'impact', load: async () => (await import('./impact.js')).impactCommand },
  { name: 'lint-update', load: async () => (await import('./lint-update.js')).lintUpdateCommand },
  { name: 'log', load: async () => (await import('./log.js')).logCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', load: async () => (await import('./import.js')).importCommand },
  { name: 'hub', load: async () => (await import('./hub.js')).hubCommand },
  { name: 'invite', load: async () => (await import('./invite.js')).inviteCommand },
  { name: 'sync', load: async () => (await import('./sync.js')).syncCommand },
  { name: 'join', load: async () => (await import('./join.js')).joinCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'repair', load: async () => (await import('./repair.js')).repairCommand },
  { name: 'completion', load: async () => (await import('./completion.js')).completionCommand },
];
