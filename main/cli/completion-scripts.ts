import type { Command, OptionSpec } from './command.js';

// Shell completion, written out from the command table so it never lists an option the CLI does not take.
// Static scripts (no `warroom` process per Tab press): regenerate after an upgrade, or let the packages do it.

/** Options whose value is a path: the shell completes file names for them. */
const PATH_OPTIONS = new Set(['data-dir', 'out', 'tls-cert', 'tls-key']);

export interface CompletionSource {
  commands: readonly Command[];
  common: OptionSpec;
  commonHelp: Record<string, string>;
}

const optionsOf = (c: Command, common: OptionSpec): string[] => [...new Set([...Object.keys(c.options), ...Object.keys(common)])];

/** `source <(warroom completion bash)`, or the file in /usr/share/bash-completion/completions/warroom. */
export function bashCompletion({ commands, common }: CompletionSource): string {
  const cases = commands.map(
    (c) =>
      `    ${c.name}) opts="${optionsOf(c, common)
        .map((o) => `--${o}`)
        .join(' ')}" ;;`,
  );
  const choices = commands.flatMap((c) =>
    Object.entries(c.choices ?? {}).map(
      ([o, values]) => `    ${c.name}:--${o}) COMPREPLY=($(compgen -W "${values.join(' ')}" -- "$cur")); return ;;`,
    ),
  );
  return `# bash completion for warroom (made by: warroom completion bash)
_warroom() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} help --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
    ${[...PATH_OPTIONS].map((o) => `--${o}`).join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "\${COMP_WORDS[1]}:$prev" in
${choices.join('\n')}
  esac
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    *) return ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _warroom warroom
`;
}

/** zsh: in a directory on $fpath as `_warroom`, or `source <(warroom completion zsh)` after compinit. */
export function zshCompletion({ commands, common, commonHelp }: CompletionSource): string {
  const described = commands.map((c) => `    ${quote(`${c.name}:${c.summary}`)}`);
  const cases = commands.map((c) => {
    const specs = optionsOf(c, common).map((o) => {
      const spec = c.options[o] ?? common[o]!;
      const help = clean(c.optionHelp[o] ?? commonHelp[o] ?? '');
      if (spec.type === 'boolean') return quote(`--${o}[${help}]`);
      const values = c.choices?.[o];
      const action = PATH_OPTIONS.has(o) ? '_files' : values ? `(${values.join(' ')})` : ' ';
      return quote(`--${o}[${help}]:${o}:${action}`);
    });
    return `    ${c.name}) _arguments -s \\\n      ${specs.join(' \\\n      ')} ;;`;
  });
  return `#compdef warroom
# zsh completion for warroom (made by: warroom completion zsh)
_warroom() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'warroom command' commands
    return
  fi
  case $words[2] in
${cases.join('\n')}
  esac
}
if [ "$funcstack[1]" = "_warroom" ]; then _warroom "$@"; else compdef _warroom warroom; fi
`;
}

/** _arguments reads [ ] : as syntax inside a description. */
const clean = (s: string): string => s.replace(/\[/g, '(').replace(/\]/g, ')').replace(/:/g, ' -').replace(/\s+/g, ' ');
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
