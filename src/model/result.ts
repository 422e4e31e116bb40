/**
 * Why something was refused, as a word code can branch on; the sentence beside it is for people. The window
 * and the CLI branch on the code, never on the sentence. The rule codes are the ones the hub answers with too
 * (src/sync/protocol.ts REFUSAL_CODES), so a refusal reads the same on every road.
 */
export const FAILURE_CODES = [
  /** Bad input: a payload, an option or data that does not fit its schema. */
  'invalid',
  /** What was named (an incident, a draft, an entry) does not exist here. */
  'not-found',
  /** It cannot happen in the state things are in (already open, already published, a clash). */
  'conflict',
  /** A team rule every peer enforces (src/kinds/rules.ts): who may do this. */
  'not-permitted',
  /** Dated before the incident opened. */
  'too-early',
  /** A customer update's linter findings were not acknowledged. */
  'unacknowledged',
  /** The text changed since it was reviewed. */
  'text-changed',
  /** Only one of the app's own services records this kind (DraftsService, the cadence watcher). */
  'service-only',
  /** A room joined as a viewer is read-only. */
  'forbidden',
  /** A hub's signed head of the room's order does not hold (altered, or not the hub's). */
  'bad-head',
  /** A hub told two peers two different orders of the same room. */
  'forked-order',
  /** Positions of the room's order that leave a gap after those known (ask the hub again). */
  'order-gap',
  /** Positions that contradict those the hub gave before. */
  'order-conflict',
  /** The room's order signed by another hub's key than the one that ordered it first. */
  'other-hub',
  /** Joining would share this incident with a hub this machine never used: ask the person first. */
  'consent-needed',
  /** This build or machine lacks the piece (sync, drafts, files, PDF). */
  'unavailable',
  /** The disk or the network failed. */
  'io',
  /** Anything else. */
  'failed',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** A value or a reason with its code, never a throw: the shape every boundary (IPC, CLI, wire) returns. */
export type Result<T, C extends string = FailureCode> = { ok: true; value: T } | Failure<C>;
export interface Failure<C extends string = FailureCode> {
  ok: false;
  error: string;
  code: C;
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
/** A refusal with its reason and code (`failed` when no better word fits). */
export const fail = <T = never, C extends string = FailureCode>(error: string, code: C = 'failed' as C): Result<T, C> => ({
  ok: false,
  error,
  code,
});

/** Turns a zod error into one line a person can act on. */
export function describeZodIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
