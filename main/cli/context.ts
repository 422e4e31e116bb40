import type { ParseArgsConfig } from 'node:util';
import type { WarRoom } from '../services/war-room.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command gets: parsed options, and services opened on demand (a --help needs none). */
export interface CliContext {
  /** Every command, loaded (for `warroom completion`): the registry is the caller's, so no command imports it. */
  commands(): Promise<Command[]>;
  values: Values;
  positionals: string[];
  dataDir: string;
  /** Opens the data directory; writes nothing until an event is recorded (the key is saved on first use). */
  warRoom(): Promise<WarRoom>;
  out(line: string): void;
  /** Raw text to stdout, with backpressure: for output too big to build as one string. */
  write(text: string): Promise<void>;
  err(line: string): void;
  /** Standard input, for commands that read a file or `-`. */
  stdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** What each option does, one line each: `warroom <command> --help` prints them (a test checks none is missing). */
  optionHelp: Record<string, string>;
  /** At least one real call, shown under --help. */
  examples: string[];
  /** The values an option takes, where they are a closed list: shell completion offers them. */
  choices?: Record<string, readonly string[]>;
  /** Resolves with the exit code; a thrown UsageError or Error becomes a one-line message and exit 2 or 1. */
  run(ctx: CliContext): Promise<number>;
}
