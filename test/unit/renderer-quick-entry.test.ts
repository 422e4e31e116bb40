import { describe, expect, it } from 'vitest';
import { acceptOwner, acceptSuggestion, ownerSuggestions, parseQuickEntry, refSuggestions } from '../../renderer/lib/quick-entry.js';
import type { NumberedHypothesis } from '../../renderer/lib/hypothesis-numbers.js';

const hyps: NumberedHypothesis[] = [
  { id: 'e_aaaaaaaaaaaa', number: 1, text: 'primary database stalled while replicating to its replicas', status: 'open', retracted: false },
  { id: 'e_bbbbbbbbbbbb', number: 2, text: 'IP address conflict on the private network', status: 'open', retracted: false },
  { id: 'e_cccccccccccc', number: 3, text: 'primary firewall reset its configuration', status: 'open', retracted: true },
];

describe('quick entry', () => {
  it('turns prefixes into hypotheses, actions and notes', () => {
    expect(parseQuickEntry('h primary database stalled', hyps)).toEqual({
      ok: true,
      value: { kind: 'hypothesis.added', data: { text: 'primary database stalled' } },
    });
    expect(parseQuickEntry('n  customers report 502s  ', hyps)).toEqual({
      ok: true,
      value: { kind: 'note.added', data: { text: 'customers report 502s' } },
    });
    expect(parseQuickEntry('A check lag', hyps)).toEqual({
      ok: true,
      value: { kind: 'action.added', data: { text: 'check lag', links: [] } },
    });
    expect(parseQuickEntry('note an email to bob@example.com #2', hyps)).toEqual({
      ok: true,
      value: { kind: 'note.added', data: { text: 'an email to bob@example.com #2' } },
    });
  });

  it('links an action to the hypotheses it names by number and takes an owner', () => {
    const r = parseQuickEntry('a check replica lag #1 #H2 @Bob', hyps);
    expect(r).toEqual({
      ok: true,
      value: { kind: 'action.added', data: { text: 'check replica lag', links: ['e_aaaaaaaaaaaa', 'e_bbbbbbbbbbbb'], owner: 'Bob' } },
    });
  });

  it('refuses a link to a missing or retracted hypothesis, and says which exist', () => {
    const r = parseQuickEntry('a restart firewall #3 #9', hyps);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('no hypothesis #3, #9: link one of #1, #2');
  });

  it('keeps text without a prefix as a note (issue 11: refusing it lost what was said), and asks for text after a bare prefix', () => {
    expect(parseQuickEntry('database is down', hyps)).toEqual({
      ok: true,
      value: { kind: 'note.added', data: { text: 'database is down' } },
    });
    const empty = parseQuickEntry('   ', hyps);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toMatch(/^Start with h \(hypothesis\)/);
    const bare = parseQuickEntry('h ', hyps);
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error).toBe('type the text after "h "');
    const onlyRefs = parseQuickEntry('a #1', hyps);
    expect(onlyRefs.ok).toBe(false);
  });

  it('suggests hypotheses for the # token at the caret, by number or words, and inserts the pick', () => {
    const input = 'a check lag #repl';
    const s = refSuggestions(input, input.length, hyps);
    expect(s?.items.map((h) => h.number)).toEqual([1]);
    const all = refSuggestions('a check #', 9, hyps);
    expect(all?.items.map((h) => h.number)).toEqual([1, 2]);
    expect(refSuggestions('h only actions link #', 21, hyps)).toBeNull();
    const picked = acceptSuggestion(input, s!, hyps[0]!);
    expect(picked).toEqual({ text: 'a check lag #1 ', caret: 15 });
  });

  it('suggests people for the @ token by the start of any word of their name, and owns by a whole name with spaces', () => {
    const people = ['Alice', 'Bob Marley', 'Carol Diaz'];
    const s = ownerSuggestions('a call vendor @mar', 18, people);
    expect(s?.names).toEqual(['Bob Marley']);
    expect(ownerSuggestions('n note @b', 9, people)).toBeNull();
    const picked = acceptOwner('a call vendor @mar', s!, 'Bob Marley');
    expect(picked).toEqual({ text: 'a call vendor @Bob Marley ', caret: 26 });
    expect(parseQuickEntry(`${picked.text}now`, hyps, people)).toEqual({
      ok: true,
      value: { kind: 'action.added', data: { text: 'call vendor now', links: [], owner: 'Bob Marley' } },
    });
    // Someone not in the room yet: the word after @, as before.
    expect(parseQuickEntry('h disk full @Dana', hyps, people)).toEqual({
      ok: true,
      value: { kind: 'hypothesis.added', data: { text: 'disk full', owner: 'Dana' } },
    });
  });
});
