import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands/index.js';
import { RefusedError, UsageError, type CliContext } from './cli/command.js';
import { cliSigner } from './cli/cli-signer.js';
import { describeFailure } from './cli/failure-words.js';
import { COMMON_OPTIONS, commandHelp, topHelp } from './cli/help.js';
import { defaultDataDir, incidentsDir } from './services/data-dir.js';
import { IncidentLogStore } from './services/incident-log-store.js';
import { WarRoom } from './services/war-room.js';
import { VERSION } from './version.js';
import { LIMITS } from '../src/model/vocabulary.js';

export interface CliIo {
  out(line: string): void;
  /** Raw text to stdout, resolving once the stream takes more (a big export waits for the reader). */
  write?(text: string): Promise<void>;
  err(line: string): void;
  stdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs one CLI call and returns its exit code: 0 done, 1 failed, 2 called wrongly. Never throws: every
 * failure is one line on stderr, in words.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.out(`warroom ${VERSION}`);
    return 0;
  }
  if (name === undefined) {
    // Called with nothing: what it can do, on stderr (stdout may be a pipe expecting data), and a usage exit.
    io.err(await topHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    if (name !== 'help' || rest[0] === undefined) {
      io.out(await topHelp());
      return 0;
    }
    const target = COMMANDS.find((c) => c.name === rest[0]);
    if (!target) return unknownCommand(io, rest[0]);
    io.out(commandHelp(await target.load()));
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return unknownCommand(io, name);
  let warRoom: WarRoom | undefined;
  try {
    const command = await entry.load();
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(io.env);
    if (dataDir.trim() === '') throw new UsageError('--data-dir needs a directory');
    const ctx: CliContext = {
      commands: () => Promise.all(COMMANDS.map((c) => c.load())),
      values,
      positionals,
      dataDir,
      env: io.env,
      out: io.out,
      write: io.write ?? lineWriter(io),
      err: io.err,
      stdin: io.stdin,
      async warRoom() {
        warRoom ??= await openWarRoom(dataDir, typeof values.name === 'string' ? values.name.trim() : '', io.env);
        return warRoom;
      },
    };
    return await command.run(ctx);
  } catch (e) {
    // A refusal names its code (not-permitted, forbidden, ...) after the reason: the word a script matches.
    const code = e instanceof RefusedError && e.refusal !== 'failed' ? ` [${e.refusal}]` : '';
    io.err(`warroom ${name}: ${describeFailure(e)}${code}`);
    return isUsageError(e) ? 2 : 1;
  } finally {
    await warRoom?.close();
  }
}

function unknownCommand(io: CliIo, name: string): number {
  io.err(`warroom: unknown command "${name.slice(0, 40)}" (see: warroom --help)`);
  return 2;
}

const isUsageError = (e: unknown): boolean =>
  e instanceof UsageError || ((e as { code?: unknown }).code?.toString() ?? '').startsWith('ERR_PARSE_ARGS');

/**
 * Opens the data directory for a command without writing to it: the key is read if it exists and saved only
 * when it first signs (cli-signer.ts), and the preferences are only read.
 */
async function openWarRoom(dataDir: string, nameFlag: string, env: NodeJS.ProcessEnv): Promise<WarRoom> {
  const actorName = nameFlag || (await savedDisplayName(dataDir)) || env.USER || env.USERNAME || 'cli';
  // Who writes is the key in the data dir (0600), not a name or id anyone could copy from the preferences.
  const signer = await cliSigner(dataDir);
  return new WarRoom({
    store: new IncidentLogStore(incidentsDir(dataDir)),
    actor: () => ({ id: signer.actorId, name: actorName }),
    signer,
  });
}

/** The name the app saved (config.json, which the app and CLI share), read without creating anything. */
async function savedDisplayName(dataDir: string): Promise<string> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { displayName?: unknown };
    return typeof saved.displayName === 'string' ? saved.displayName.trim().slice(0, LIMITS.name) : '';
  } catch {
    return '';
  }
}

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
