import { fail, ok, type Result } from '../../src/model/result.js';
import { LIMITS } from '../../src/model/vocabulary.js';
import type { NumberedHypothesis } from './hypothesis-numbers.js';

/**
 * The quick-entry line: `h <text>` raises a hypothesis, `a <text>` records an action, `n <text>` a note;
 * text with no prefix is a note too.
 * In an action, `#2` (or `#H2`) links hypothesis H2, the one it tests; `@name` names an owner.
 */
export type QuickEntry =
  | { kind: 'hypothesis.added'; data: { text: string; owner?: string } }
  | { kind: 'action.added'; data: { text: string; links: string[]; owner?: string } }
  | { kind: 'note.added'; data: { text: string } };

const PREFIXES: Record<string, QuickEntry['kind']> = {
  h: 'hypothesis.added',
  hyp: 'hypothesis.added',
  hypothesis: 'hypothesis.added',
  a: 'action.added',
  act: 'action.added',
  action: 'action.added',
  n: 'note.added',
  note: 'note.added',
};

export const QUICK_ENTRY_HELP =
  'Start with h (hypothesis), a (action) or n (note) and a space (no prefix: a note); #2 links an action to H2; @name sets an owner';

const REF = /(^|\s)#(?:[hH])?(\d{1,4})(?=\s|$|[,.;])/g;
const OWNER = /(^|\s)@([A-Za-z][\w.-]{0,79})(?=\s|$)/g;

/** Escapes a name for a RegExp (names may hold dots and spaces). */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Takes the owner out of the text: a known name after `@` first, whole, spaces and all ("@Carol Diaz", what
 * the picker inserts), the longest known name winning; else the word after `@`.
 */
function takeOwner(text: string, people: readonly string[]): { text: string; owner?: string } {
  for (const name of [...people].sort((a, b) => b.length - a.length)) {
    const at = new RegExp(`(^|\\s)@${literal(name)}(?=\\s|$)`, 'i');
    if (at.test(text)) return { text: text.replace(at, '$1'), owner: name };
  }
  let owner: string | undefined;
  const rest = text.replace(OWNER, (_all, lead: string, name: string) => {
    owner ??= name;
    return lead;
  });
  return owner ? { text: rest, owner } : { text: rest };
}

export function parseQuickEntry(
  input: string,
  hypotheses: readonly NumberedHypothesis[],
  people: readonly string[] = [],
): Result<QuickEntry> {
  const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(input);
  const kind = m ? PREFIXES[m[1]!.toLowerCase()] : undefined;
  if (!m || !kind) {
    const bare = /^\s*([A-Za-z]+)\s*$/.exec(input);
    if (bare && PREFIXES[bare[1]!.toLowerCase()]) return fail(`type the text after "${bare[1]} "`);
    if (input.trim() === '') return fail(QUICK_ENTRY_HELP);
    // Words without a prefix are kept as a note: during a call, refusing them would lose what was said.
    return finish('note.added', input, [], undefined);
  }
  let text = m[2]!;
  if (text.trim() === '') return fail(`type the text after "${m[1]} "`);
  if (kind === 'note.added') return finish(kind, text, [], undefined);

  const taken = takeOwner(text, people);
  text = taken.text;
  const owner = taken.owner;

  const links: string[] = [];
  if (kind === 'action.added') {
    const missing: string[] = [];
    text = text.replace(REF, (_all, lead: string, num: string) => {
      const h = hypotheses.find((x) => x.number === Number(num));
      if (!h || h.retracted) missing.push(`#${num}`);
      else if (!links.includes(h.id)) links.push(h.id);
      return lead;
    });
    if (missing.length)
      return fail(
        `no hypothesis ${missing.join(', ')}: link one of ${
          hypotheses
            .filter((h) => !h.retracted)
            .map((h) => `#${h.number}`)
            .join(', ') || '(none yet: add one with "h ")'
        }`,
      );
  }
  return finish(kind, text, links, owner);
}

function finish(kind: QuickEntry['kind'], raw: string, links: string[], owner: string | undefined): Result<QuickEntry> {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return fail('type what you want to record after the prefix');
  if (text.length > LIMITS.text) return fail(`that is ${text.length} characters; the limit is ${LIMITS.text}`);
  if (kind === 'note.added') return ok({ kind, data: { text } });
  if (kind === 'hypothesis.added') return ok({ kind, data: { text, ...(owner ? { owner } : {}) } });
  return ok({ kind, data: { text, links, ...(owner ? { owner } : {}) } });
}

export interface RefSuggestions {
  /** The `#...` token being typed: [start, end) in the input. */
  start: number;
  end: number;
  items: NumberedHypothesis[];
}

/** The whitespace-free token around the caret: [start, end). */
function tokenAt(input: string, caret: number): { start: number; end: number; token: string } {
  let start = caret;
  while (start > 0 && !/\s/.test(input[start - 1]!)) start--;
  let end = caret;
  while (end < input.length && !/\s/.test(input[end]!)) end++;
  return { start, end, token: input.slice(start, end) };
}

/** Hypotheses matching the `#` token at the caret (by number or by words of its text), for the link picker. */
export function refSuggestions(input: string, caret: number, hypotheses: readonly NumberedHypothesis[]): RefSuggestions | null {
  if (!/^\s*(a|act|action)\s/i.test(input)) return null;
  const { start, end, token } = tokenAt(input, caret);
  if (!token.startsWith('#')) return null;
  const q = token
    .slice(1)
    .replace(/^[hH](?=\d)/, '')
    .toLowerCase();
  const live = hypotheses.filter((h) => !h.retracted);
  const items =
    q === ''
      ? live
      : /^\d+$/.test(q)
        ? live.filter((h) => String(h.number).startsWith(q))
        : live.filter((h) => h.text.toLowerCase().includes(q));
  return items.length ? { start, end, items: items.slice(0, 8) } : null;
}

/** Replaces the `#...` token with the chosen hypothesis' reference; returns the new text and caret. */
export function acceptSuggestion(input: string, s: RefSuggestions, h: NumberedHypothesis): { text: string; caret: number } {
  const ref = `#${h.number} `;
  const after = input.slice(s.end).replace(/^\s+/, '');
  return { text: input.slice(0, s.start) + ref + after, caret: s.start + ref.length };
}

export interface OwnerSuggestions {
  /** The `@...` token being typed: [start, end) in the input. */
  start: number;
  end: number;
  names: string[];
}

/** People matching the `@` token at the caret (by the start of any word of their name), for the owner picker. */
export function ownerSuggestions(input: string, caret: number, people: readonly string[]): OwnerSuggestions | null {
  if (!/^\s*(a|act|action|h|hyp|hypothesis)\s/i.test(input)) return null;
  const { start, end, token } = tokenAt(input, caret);
  if (!token.startsWith('@')) return null;
  const q = token.slice(1).toLowerCase();
  const names = people.filter(
    (p) =>
      q === '' ||
      p
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(q)) ||
      p.toLowerCase().startsWith(q),
  );
  return names.length ? { start, end, names: names.slice(0, 8) } : null;
}

/** Replaces the `@...` token with the chosen name; returns the new text and caret (after a space). */
export function acceptOwner(input: string, s: OwnerSuggestions, name: string): { text: string; caret: number } {
  const ref = `@${name} `;
  const after = input.slice(s.end).replace(/^\s+/, '');
  return { text: input.slice(0, s.start) + ref + after, caret: s.start + ref.length };
}
