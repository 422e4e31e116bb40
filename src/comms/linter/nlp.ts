// Parts of speech for the rules that read structure (who does what, what is negated, what is a name).
// compromise (pure JavaScript, no model download, bundles into the renderer and the CLI) tags each word; only
// the sentences a rule's cheap word check picks are tagged, and each sentence's tags are cached by its text, so
// typing in the drafts pane re-tags just the sentence being edited.
import nlp from 'compromise/two';

export interface Term {
  /** The word as written ("" for the "not" compromise splits out of "don't"). */
  text: string;
  /** Lower case, contractions expanded ("don't" -> "do", then "not"). */
  norm: string;
  tags: ReadonlySet<string>;
  /** compromise's phrase chunk: "Noun", "Verb", "Adjective", "Pivot" ... */
  chunk: string;
  /** UTF-16 offsets into the tagged sentence, end exclusive. */
  start: number;
  end: number;
}

interface RawTerm {
  text: string;
  normal: string;
  tags: string[];
  chunk?: string;
  offset: { start: number; length: number };
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, readonly Term[]>();

/** The words of one sentence with their parts of speech. Pure: the same text always gives the same terms. */
export function tag(sentence: string): readonly Term[] {
  const hit = cache.get(sentence);
  if (hit) {
    // Least recently used goes first: re-insert to keep a hit young.
    cache.delete(sentence);
    cache.set(sentence, hit);
    return hit;
  }
  const terms: Term[] = [];
  for (const s of nlp(sentence).json({ offset: true }) as { terms: RawTerm[] }[]) {
    for (const t of s.terms) {
      const negative = t.tags.includes('Negative');
      terms.push({
        text: t.text,
        norm: negative && t.text === '' ? 'not' : t.normal,
        tags: new Set(t.tags),
        chunk: t.chunk ?? '',
        start: t.offset.start,
        end: t.offset.start + t.offset.length,
      });
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(sentence, terms);
  return terms;
}

export const isNegation = (t: Term): boolean =>
  t.tags.has('Negative') || /^(?:no|not|never|none|nothing|neither|nor|without)$/.test(t.norm);

/** A name customers see: a proper noun, an acronym or a capitalised word inside a sentence ("Managed Postgres"). */
export const isName = (t: Term): boolean => t.tags.has('ProperNoun') || t.tags.has('Acronym') || t.tags.has('Organization');

/** The term at or around a sentence offset. */
export function termAt(terms: readonly Term[], offset: number): number {
  const i = terms.findIndex((t) => offset >= t.start && offset < Math.max(t.end, t.start + 1));
  return i === -1 ? terms.findIndex((t) => t.start >= offset) : i;
}
