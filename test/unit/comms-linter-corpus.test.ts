import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintUpdate } from '../../src/comms/linter/index.js';
import { CORPUS } from '../fixtures/update-corpus/index.js';
import { KNOWN_GAPS } from '../fixtures/update-corpus/known-gaps.js';
import { contextOf, scoreCorpus } from '../helpers/lint-corpus-score.js';

// The labelled corpus (test/fixtures/update-corpus): every case must come out as labelled, except the known gaps,
// so a change that fixes one update and breaks another fails here. `npm run lint-corpus` prints the figures.
describe('update linter on the labelled corpus', () => {
  it('is big and varied enough to mean something', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
    for (const status of ['investigating', 'identified', 'monitoring', 'resolved', 'final'] as const) {
      expect(
        CORPUS.filter((c) => c.status === status && c.rules.every((r) => r === 'time-without-zone')).length,
        status,
      ).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(CORPUS.map((c) => c.voice)).size).toBeGreaterThanOrEqual(6);
  });

  it('has must-fire and must-not-fire cases for every rule, and labels only real rules', () => {
    const ids = LINT_RULES.map((r) => r.id);
    for (const id of ids) {
      expect(
        CORPUS.some((c) => c.rules.includes(id)),
        `${id} must fire somewhere`,
      ).toBe(true);
      expect(
        CORPUS.some((c) => c.nearMiss?.includes(id)),
        `${id} needs a near miss`,
      ).toBe(true);
    }
    for (const c of CORPUS) for (const r of [...c.rules, ...(c.nearMiss ?? [])]) expect(ids, c.id).toContain(r);
    for (const c of CORPUS)
      for (const r of c.nearMiss ?? []) expect(c.rules, `${c.id} cannot be a near miss for a rule it is labelled with`).not.toContain(r);
  });

  const gapKey = (id: string, rule: string) => `${id} ${rule}`;
  const gaps = new Set(KNOWN_GAPS.map((g) => gapKey(g.id, g.rule)));
  for (const c of CORPUS) {
    it(`${c.id} (${c.status}, ${c.voice}): ${c.rules.length ? c.rules.join(', ') : 'clean'}`, () => {
      const fired = new Set(lintUpdate(c.text, contextOf(c)).map((f) => f.rule));
      const missed = c.rules.filter((r) => !fired.has(r) && !gaps.has(gapKey(c.id, r)));
      const falseAlarms = [...fired].filter((r) => !c.rules.includes(r) && !gaps.has(gapKey(c.id, r)));
      expect({ missed, falseAlarms }, c.text).toEqual({ missed: [], falseAlarms: [] });
    });
  }

  it('still has every known gap (remove one from known-gaps.ts once it is fixed)', () => {
    for (const g of KNOWN_GAPS) {
      const c = CORPUS.find((x) => x.id === g.id);
      expect(c, g.id).toBeDefined();
      const fired = lintUpdate(c!.text, contextOf(c!)).some((f) => f.rule === g.rule);
      expect(fired, `${g.id} ${g.rule}`).toBe(g.kind === 'false-alarm');
    }
  });

  it('meets the goals: at least 90% of bad updates caught, at least 95% of honest updates left alone', () => {
    const score = scoreCorpus(CORPUS);
    expect(score.bad.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.honest.rate).toBeGreaterThanOrEqual(0.95);
  });
});
