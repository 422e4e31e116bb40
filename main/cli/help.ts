import { COMMANDS } from './commands/index.js';
import type { Command } from './command.js';
import { COMMON_HELP, COMMON_OPTIONS } from './common-options.js';

export { COMMON_HELP, COMMON_OPTIONS } from './common-options.js';

/** What a string option's value is, in the option list (`--incident ID`). */
const VALUE_NAMES: Record<string, string> = {
  incident: 'ID',
  entry: 'ID',
  'data-dir': 'DIR',
  out: 'FILE',
  'tls-cert': 'FILE',
  'tls-key': 'FILE',
  hub: 'URL',
  'hub-url': 'URL',
  'public-url': 'URL',
  fingerprint: 'SHA256',
  revoke: 'INVITE_ID',
  links: 'ID,ID',
  tz: 'ZONE',
  customers: 'N',
  owner: 'NAME',
  expires: 'DURATION',
  'log-format': 'FORMAT',
  'log-level': 'LEVEL',
  'drain-seconds': 'SECONDS',
};

export async function topHelp(): Promise<string> {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  return [
    'warroom: run an incident from the command line, on the same data as the War Room app',
    '',
    'Usage: warroom <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Every command takes --data-dir DIR (default: the app's own data directory) and --name NAME (who is writing).",
    'Run `warroom <command> --help` for its options and an example; `warroom --version` for the version.',
    'Exit status: 0 done, 1 failed (nothing written), 2 called wrongly.',
  ].join('\n');
}

/** `warroom <command> --help`: usage, every option with what it does, examples. */
export function commandHelp(c: Command): string {
  const options = [...Object.keys(c.options).map((name) => optionLine(c, name, c.optionHelp[name])), ...commonLines(c)];
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    c.summary,
    '',
    `Usage: ${c.usage}`,
    '',
    'Options:',
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    c.examples.length === 1 ? 'Example:' : 'Examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

function commonLines(c: Command): [string, string][] {
  return Object.keys(COMMON_OPTIONS)
    .filter((name) => !(name in c.options))
    .map((name) => optionLine({ options: COMMON_OPTIONS }, name, c.optionHelp[name] ?? COMMON_HELP[name]));
}

function optionLine(c: Pick<Command, 'options'>, name: string, text: string | undefined): [string, string] {
  const spec = c.options[name]!;
  const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${VALUE_NAMES[name] ?? name.toUpperCase()}` : ''}`;
  return [flag, text ?? ''];
}
