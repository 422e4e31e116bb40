import { readFile } from 'node:fs/promises';
import { UsageError, type Command } from '../command.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'recreate an incident from a JSON export (FILE, or - for standard input); prints its id',
  usage: 'warroom import FILE',
  options: {},
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one file to import (or - for standard input)');
    const file = ctx.positionals[0]!;
    let text: string;
    try {
      text = file === '-' ? await ctx.stdin() : await readFile(file, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const warRoom = await ctx.warRoom();
    const result = await warRoom.importExport(text);
    if (!result.ok) throw new Error(`${file}: ${result.error}; nothing imported`);
    for (const w of result.value.warnings) ctx.err(`warroom import: warning: ${w}`);
    ctx.err(`imported incident ${result.value.incident} (${result.value.events} events) into ${ctx.dataDir}`);
    ctx.out(result.value.incident);
    return 0;
  },
};
