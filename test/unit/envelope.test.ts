import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/kinds/event.js';

const base = {
  v: 1,
  id: 'e_abcdefgh1234',
  incident: 'inc_abcdef1234',
  origin: 'o_abcdef1234',
  seq: 1,
  at: { ms: 1_700_000_000_000, c: 0 },
  actor: { id: 'u_abcdef1234', name: 'Alice' },
};

describe('parseEvent', () => {
  it('accepts a well-formed event of a known kind', () => {
    const r = parseEvent({ ...base, kind: 'note.added', data: { text: 'error rate 40% on checkout' } });
    expect(r.ok).toBe(true);
  });

  it.each([
    ['unknown kind', { ...base, kind: 'entry.deleted', data: {} }, /unknown event kind "entry.deleted"/],
    ['missing text', { ...base, kind: 'note.added', data: {} }, /invalid note.added: text/],
    ['empty text', { ...base, kind: 'note.added', data: { text: '   ' } }, /must not be empty/],
    ['smuggled key', { ...base, kind: 'note.added', data: { text: 'x', admin: true } }, /invalid note.added/],
    [
      'bad status for the kind',
      { ...base, kind: 'hypothesis.status', data: { target: 'e_abcdefgh1234', status: 'done' } },
      /invalid hypothesis.status: status/,
    ],
    ['prototype id', { ...base, id: '__proto__', kind: 'note.added', data: { text: 'x' } }, /id: is not a valid id/],
    ['path in incident id', { ...base, incident: '../../etc', kind: 'note.added', data: { text: 'x' } }, /incident/],
    ['not an object', 'hello', /invalid event/],
    ['oversize text', { ...base, kind: 'note.added', data: { text: 'x'.repeat(10_001) } }, /invalid note.added/],
  ])('refuses %s with a reason', (_name, input, reason) => {
    const r = parseEvent(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });
});
