import { normalizeName } from './name-normal.js';

/**
 * Letters from other scripts that look like Latin ones (a subset of Unicode's confusables.txt: the Cyrillic,
 * Greek and other letters that pass for Latin in the fonts people use), plus digits read as letters.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  һ: 'h',
  ɡ: 'g',
  ı: 'i',
  ℓ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '|': 'l',
};
/** Pairs that read as one letter at a glance. */
const DIGRAPHS: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

/**
 * What a name looks like, reduced so that names a hurried reader would take for the same person reduce to the
 * same text: normalised (src/model/name-normal.ts), lower case, accents dropped, lookalike letters mapped to
 * Latin, a trailing "(commander)" or similar dropped, spaces and punctuation gone.
 */
export function confusableSkeleton(name: string): string {
  // A right-to-left override shows what follows it reversed: "\u202eecilA" reads as "Alice".
  const shown = name.replace(/[\u202e\u2067]([^\u202c\u2069]*)[\u202c\u2069]?/gu, (_, t: string) => [...t].reverse().join(''));
  let s = normalizeName(shown)
    .toLowerCase()
    .replace(/\s*[([{].*$/u, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  s = [...s].map((ch) => LOOKALIKES[ch] ?? ch).join('');
  s = s.replace(/[^\p{L}\p{N}]/gu, '');
  for (const [pattern, to] of DIGRAPHS) s = s.replace(pattern, to);
  // "1" and "l" became "l", "I" lower-cased to "i": one more step so "Alice" and "AIice" meet.
  return s.replace(/l/g, 'i');
}

export interface Member {
  id: string;
  name: string;
}

/**
 * For each member whose name equals or could be mistaken for another member's (another id), the others it
 * could be mistaken for. Members are people by key-derived id: one person under two names is not flagged, two
 * ids under one name are. Used by the timeline, the exports and the roster.
 */
export function lookalikeMembers(members: Iterable<Member>): Map<string, Member[]> {
  const byId = new Map<string, Member>();
  for (const m of members) if (!byId.has(m.id)) byId.set(m.id, m);
  const bySkeleton = new Map<string, Member[]>();
  for (const m of byId.values()) {
    const key = confusableSkeleton(m.name);
    if (key === '') continue;
    const group = bySkeleton.get(key);
    if (group) group.push(m);
    else bySkeleton.set(key, [m]);
  }
  const out = new Map<string, Member[]>();
  for (const group of bySkeleton.values()) {
    if (group.length < 2) continue;
    for (const m of group)
      out.set(
        m.id,
        group.filter((o) => o.id !== m.id),
      );
  }
  return out;
}
