import { onePositional } from '../args.js';
import { readInput, type Command } from '../command.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'recreate an incident from a JSON export (FILE, or - for standard input); prints its id',
  usage: 'warroom import FILE [--keep-unverified]',
  options: { 'keep-unverified': { type: 'boolean' } },
  optionHelp: {
    'keep-unverified':
      'keep events whose signatures do not hold (unsigned, altered, forged) as unverified history, marked so in the timeline and exports, instead of refusing the file',
  },
  examples: ['warroom import incident.json', 'curl -s https://example.com/incident.json | warroom import -'],
  async run(ctx) {
    const file = onePositional(ctx, 'give exactly one file to import (or - for standard input)');
    const text = await readInput(ctx, file);
    const warRoom = await ctx.warRoom();
    const result = await warRoom.importExport(text, { keepUnverified: ctx.values['keep-unverified'] === true });
    if (!result.ok) throw new Error(`${file}: ${result.error}; nothing imported`);
    for (const w of result.value.warnings) ctx.err(`warroom import: warning: ${w}`);
    ctx.err(`imported incident ${result.value.incident} (${result.value.events} events) into ${ctx.dataDir}`);
    ctx.out(result.value.incident);
    return 0;
  },
};
