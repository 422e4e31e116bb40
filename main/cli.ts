import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands/index.js';
import { RefusedError, UsageError, type CliContext, type Command, type OptionSpec } from './cli/command.js';
import { openConfStore } from './services/conf-store.js';
import { defaultDataDir, incidentsDir } from './services/data-dir.js';
import { IncidentLogStore } from './services/incident-log-store.js';
import { PreferencesService } from './services/preferences.js';
import { WarRoom } from './services/war-room.js';
import { loadCliSigner } from './identity/key-store.js';

const COMMON: OptionSpec = {
  'data-dir': { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface CliIo {
  out(line: string): void;
  /** Raw text to stdout, resolving once the stream takes more (a big export waits for the reader). */
  write?(text: string): Promise<void>;
  err(line: string): void;
  stdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

async function topHelp(): Promise<string> {
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
    'Run `warroom <command> --help` for its options.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [`${c.summary}`, '', `Usage: ${c.usage} [--data-dir DIR] [--name NAME]`].join('\n');
}

/** Runs one CLI call and returns its exit code. Never throws: every failure is one line on stderr. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(target ? commandHelp(await target.load()) : await topHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`warroom: unknown command "${name}" (see: warroom --help)`);
    return 2;
  }
  let warRoom: WarRoom | undefined;
  try {
    const command = await entry.load();
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMON, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(io.env);
    let preferences: PreferencesService | undefined;
    const getPreferences = (): PreferencesService => (preferences ??= new PreferencesService(openConfStore(dataDir)));
    const ctx: CliContext = {
      values,
      positionals,
      dataDir,
      env: io.env,
      out: io.out,
      write: io.write ?? lineWriter(io),
      err: io.err,
      stdin: io.stdin,
      preferences: getPreferences,
      async warRoom() {
        if (warRoom) return warRoom;
        const prefs = getPreferences().get();
        const actorName =
          typeof values.name === 'string' && values.name.trim()
            ? values.name.trim()
            : prefs.displayName || io.env.USER || io.env.USERNAME || 'cli';
        // Who writes is the key in the data dir (0600), not a name or id anyone could copy from the preferences.
        const signer = await loadCliSigner(dataDir);
        warRoom = new WarRoom({
          store: new IncidentLogStore(incidentsDir(dataDir)),
          actor: () => ({ id: prefs.actorId, name: actorName }),
          signer,
        });
        return warRoom;
      },
    };
    return await command.run(ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A refusal names its code (not-permitted, forbidden, ...) after the reason: the word a script matches.
    const code = e instanceof RefusedError && e.code !== 'failed' ? ` [${e.code}]` : '';
    io.err(`warroom ${name}: ${firstLine(message)}${code}`);
    return e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  } finally {
    await warRoom?.close();
  }
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim();

/** Without a raw stream (tests), text goes out a whole line at a time: io.out adds each line's break itself. */
function lineWriter(io: CliIo): (text: string) => Promise<void> {
  let carry = '';
  return async (text) => {
    carry += text;
    const end = carry.lastIndexOf('\n');
    if (end === -1) return;
    io.out(carry.slice(0, end));
    carry = carry.slice(end + 1);
  };
}
