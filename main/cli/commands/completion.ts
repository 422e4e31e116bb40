import { onePositional } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { bashCompletion, zshCompletion } from '../completion-scripts.js';
import { COMMON_HELP, COMMON_OPTIONS } from '../common-options.js';

export const completionCommand: Command = {
  name: 'completion',
  summary: 'print shell completion for bash or zsh (commands, options and their values)',
  usage: 'warroom completion bash|zsh',
  options: {},
  optionHelp: {},
  examples: [
    'source <(warroom completion bash)        # in ~/.bashrc',
    'warroom completion zsh > "${fpath[1]}/_warroom"   # zsh, then restart the shell',
  ],
  async run(ctx) {
    const shell = onePositional(ctx, 'name a shell: bash or zsh');
    if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`no completion for "${shell.slice(0, 20)}": use bash or zsh`);
    const source = { commands: await ctx.commands(), common: COMMON_OPTIONS, commonHelp: COMMON_HELP };
    await ctx.write(shell === 'bash' ? bashCompletion(source) : zshCompletion(source));
    return 0;
  },
};
