import { readFile } from 'node:fs/promises';
import { ID_PATTERN } from '../../src/model/ids.js';
import type { CliContext, Values } from './context.js';
import { failureWords } from './failure-words.js';

// Every command reads its arguments through these, so ids, allowed values and missing options are checked and
// worded the same way everywhere. A UsageError means "called wrongly" (exit 2).

/** A mistake in how the command was called (exit 2), as opposed to a failure doing it (exit 1). */
export class UsageError extends Error {}

export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Checks a value against a closed list. `noun` words the refusal for a value that names a thing ("unknown
 * kind "rumour": use hypothesis, action, note"); without it: "--level must be one of minor, major, critical".
 */
export function checkOneOf<T extends string>(name: string, value: string, allowed: readonly T[], noun?: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    noun ? `unknown ${noun} "${value.slice(0, 40)}": use ${allowed.join(', ')}` : `--${name} must be one of ${allowed.join(', ')}`,
  );
}

/** An optional option with a closed list of values; `required: true` makes it required. */
export function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[], options: { required: true; noun?: string }): T;
export function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  options?: { required?: false; noun?: string },
): T | undefined;
export function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  options: { required?: boolean; noun?: string } = {},
): T | undefined {
  const v = options.required ? required(values, name) : optional(values, name);
  return v === undefined ? undefined : checkOneOf(name, v, allowed, options.noun);
}

/** --incident, which must look like an incident id. */
export function incidentArg(ctx: Pick<CliContext, 'values'>): string {
  const incident = required(ctx.values, 'incident');
  if (!ID_PATTERN.test(incident)) throw new UsageError(`"${incident.slice(0, 80)}" is not an incident id (see: warroom list)`);
  return incident;
}

/** The text of a file, or of standard input for "-". A file that cannot be read fails with its path and why, in words. */
export async function readInput(ctx: Pick<CliContext, 'stdin'>, source: string): Promise<string> {
  if (source === '-') return ctx.stdin();
  try {
    return await readFile(source, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${source}: ${failureWords(e)}`);
  }
}

/** The one positional a command takes (a file, a link), or a usage error saying what to give. */
export function onePositional(ctx: Pick<CliContext, 'positionals'>, what: string): string {
  if (ctx.positionals.length !== 1) throw new UsageError(what);
  return ctx.positionals[0]!;
}
