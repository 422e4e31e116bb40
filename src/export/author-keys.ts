import type { AuthorIdentity } from '../incident/authors.js';

export const KEYS_APPENDIX_NOTE =
  'Every author of the log by the key that signed their entries. A name is what a writer declared; the key is who they are. ' +
  'Two rows with one name and two keys are two people.';

/** What a reader must know about an author: a name shared with or confusable with another key's, unsigned entries. */
export function authorWarning(a: AuthorIdentity): string {
  const warnings: string[] = [];
  if (a.lookalikes.length)
    warnings.push(`name looks like ${a.lookalikes.map((o) => `${o.name} (${o.id})`).join(', ')}: another key, another person`);
  if (a.unverified) warnings.push(`${a.unverified} entr${a.unverified === 1 ? 'y' : 'ies'} unsigned: nothing proves they wrote them`);
  if (!a.fingerprint) warnings.push('no key: the id is only declared');
  return warnings.join('; ');
}
