import type { ParseArgsConfig } from 'node:util';
import type { WarRoom } from '../services/war-room.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command gets: parsed options, and services opened on demand (a --help needs none). */
export interface CliContext {
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
