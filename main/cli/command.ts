import type { FailureCode, Result } from '../../src/model/result.js';
export type { CliContext, Command, OptionSpec, Values } from './context.js';

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
