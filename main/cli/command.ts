import type { Result } from '../../src/model/result.js';
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

/** Fails with the store's reason when a Result is not ok. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
