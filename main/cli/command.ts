import type { FailureCode, Result } from '../../src/model/result.js';
import type { CliContext, OptionSpec } from './context.js';

export type { CliContext, OptionSpec, Values } from './context.js';
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Resolves with the exit code; a thrown UsageError or Error becomes a one-line message and exit 2 or 1. */
  run(ctx: CliContext): Promise<number>;
}

export { incidentArg, oneOf, optional, readInput, required, UsageError } from './args.js';

/** A refusal from a service, with its code (src/model/result.ts): the CLI prints both, scripts match the code. */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly code: FailureCode,
  ) {
    super(message);
  }
}

/** Fails with the service's reason and code when a Result is not ok. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new RefusedError(r.error, r.code);
  return r.value;
}
