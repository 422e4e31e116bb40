import type { FailureCode, Result } from '../../src/model/result.js';
import type { CliContext, OptionSpec } from './context.js';

export type { CliContext, OptionSpec, Values } from './context.js';

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

export { incidentArg, oneOf, optional, readInput, required, UsageError } from './args.js';

/** A refusal from a service, with its code (src/model/result.ts): the CLI prints both, scripts match the code. */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly refusal: FailureCode,
  ) {
    super(message);
  }
}

/** Fails with the service's reason and code when a Result is not ok. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new RefusedError(r.error, r.code);
  return r.value;
}
