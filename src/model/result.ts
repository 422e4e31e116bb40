/** A value or a reason, never a throw: the shape every boundary (IPC, CLI, wire) returns. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** `code`: what callers branch on (never the sentence). */
export const fail = <T = never>(error: string, code?: string): Result<T> =>
  code === undefined ? { ok: false, error } : { ok: false, error, code };

/** Turns a zod error into one line a person can act on. */
export function describeZodIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
