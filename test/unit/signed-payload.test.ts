import { describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { canonicalJson, canonicalJsonByReplacer, eventJson, signingText } from '../../src/model/signed-payload.js';

/** A seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['a', 'b', 'Z', '_', '10', '9', '0', '01', '4294967295', '4294967294', '__proto__', '', 'ünï', 'é', '\u{1F600}', 'key', 'v'];
const STRINGS = [
  '',
  'plain',
  '"quoted"',
  'back\\slash',
  'tab\tnew\nline',
  '\u0000\u001f',
  'ünïcode',
  '\u{1F600}',
  '\ud800 lone',
  '</script>',
];
const NUMBERS = [0, -0, 1, -1, 1.5, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity, 123456789];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r = next();
  if (depth > 3 || r < 0.3) return pick<unknown>([...STRINGS, ...NUMBERS, true, false, null, undefined]);
  if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--)
    Object.defineProperty(o, pick(KEYS), { value: value(next, depth + 1), enumerable: true, configurable: true, writable: true });
  return o;
}

const event = (over: Record<string, unknown> = {}): WarEvent =>
  ({
    v: 1,
    id: 'e_abcdef123456',
    incident: 'inc_test000001',
    origin: 'o_abcdefghijklmnopqrst12345678',
    seq: 2,
    at: { ms: 1_750_000_000_000, c: 3 },
    actor: { id: 'u_abcdefghijklmnopqrstuvwxyz', name: 'Ana "the commander"' },
    kind: 'note.added',
    data: { text: 'primary database stalled while replicating to its replicas', links: ['e_1', 'e_2'] },
    key: 'k'.repeat(43),
    prev: 'p'.repeat(43),
    sig: 's'.repeat(86),
    ...over,
  }) as WarEvent;

describe('canonical JSON (what is signed and hashed)', () => {
  it('writes exactly what JSON.stringify with sorted keys writes, for any JSON-like value', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const v = value(random(seed), 0);
      expect(canonicalJson(v), `seed ${seed}`).toBe(canonicalJsonByReplacer(v));
    }
  });

  it('keeps array-index keys first in numeric order, as JSON.stringify enumerates them', () => {
    expect(canonicalJson({ b: 1, 10: 2, a: 3, 9: 4 })).toBe('{"9":4,"10":2,"a":3,"b":1}');
    expect(canonicalJson({ b: 1, 10: 2, a: 3, 9: 4 })).toBe(canonicalJsonByReplacer({ b: 1, 10: 2, a: 3, 9: 4 }));
  });

  it('writes an event, and its signing text, as the generic writer does, also when it is not exactly an envelope', () => {
    const cases: WarEvent[] = [
      event(),
      event({ prev: undefined }),
      event({ key: undefined, prev: undefined, sig: undefined }),
      event({ data: value(random(7), 0) }),
      event({ extra: 'a key no envelope has' }),
      event({ at: { ms: 5, c: 0, x: 1 } }),
      event({ seq: NaN }),
      event({ data: undefined }),
    ];
    for (const e of cases) {
      expect(eventJson(e)).toBe(canonicalJsonByReplacer(e));
      const { sig: _sig, ...unsigned } = e;
      expect(signingText(e)).toBe(canonicalJsonByReplacer(unsigned));
    }
  });
});
