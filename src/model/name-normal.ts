/**
 * Characters a display name may not hold: controls (C0, DEL, C1), zero-width and joiners, bidirectional
 * overrides, embeddings and isolates, the byte order mark, and other invisible format characters (Unicode Cf).
 * Each can make one name look like another ("Al\u200bice", a right-to-left override that shows "ecilA" as
 * "Alice") or hide text after it.
 */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const FORBIDDEN_ALL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * A display name as it is written and signed: NFKC (a fullwidth "Ａlice" becomes "Alice", ligatures split),
 * without controls, zero-width or bidi characters, runs of spaces as one, trimmed.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(FORBIDDEN_ALL, '').replace(/\s+/gu, ' ').trim();
}

/** Why a name as it arrives is not one this app writes, or null: the envelope refuses such a name everywhere. */
export function nameProblem(name: string): string | null {
  if (FORBIDDEN_IN_NAMES.test(name)) return 'holds control, zero-width or bidirectional characters';
  if (name !== name.normalize('NFKC')) return 'is not in Unicode NFKC form';
  return null;
}
