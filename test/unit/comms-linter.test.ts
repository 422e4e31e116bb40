import { describe, expect, it } from 'vitest';
import { hasErrors, lineCol, lintUpdate } from '../../src/comms/linter/index.js';

// Honest updates of every kind: none may produce any finding (false positives teach people to ignore the linter).
const HONEST_UPDATES = [
  'Since 14:02 UTC, card payments at checkout are failing for about 1,200 customers in the EU region. We have found that our primary database stopped accepting writes while replicating and are moving traffic to a standby. Next update at 15:00 UTC, or sooner if anything changes.',
  'Since 09:40 UTC, emails with invoices are delayed by up to two hours for all customers. We do not know the cause yet; we are checking the service that sends them and a change we made at 09:35 UTC. Next update in 30 minutes.',
  'Card payments have worked normally since 15:10 UTC. Between 14:02 and 15:10 UTC, about 1,200 customers in the EU region could not take card payments. We are watching closely to make sure the fix holds. Next update at 16:00 UTC.',
  'Between 14:02 and 15:10 UTC on 3 March, card payments at checkout failed for 1,214 customers in the EU region. Our primary database stopped accepting writes while copying data to its standby, and the switch to the standby took longer than it should have. We are sorry: for more than an hour you could not take card payments. This is our final update; we will publish a full report within 5 working days.',
];

describe('lintUpdate', () => {
  it('passes honest, specific updates clean', () => {
    for (const text of HONEST_UPDATES) expect(lintUpdate(text), text).toEqual([]);
  });

  it('orders findings by position, and offsets point at the phrase', () => {
    const text = 'We apologise for any inconvenience. A small number of users may be affected by an issue. We restarted db-primary-01.';
    const findings = lintUpdate(text);
    const starts = findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const phrase = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => text.slice(f.start, f.end));
    expect(phrase('empty-apology')).toEqual(['We apologise for any inconvenience']);
    expect(phrase('minimising-impact')).toEqual(['A small number of']);
    expect(phrase('vague-description')).toEqual(['an issue']);
    expect(phrase('internal-host')).toEqual(['db-primary-01']);
    expect(hasErrors(findings)).toBe(true);
  });

  it("quotes the incident's real customer count back when the impact is played down", () => {
    const [f] = lintUpdate('Only a few customers are affected.', { affectedCustomers: 40 }).filter((x) => x.rule === 'minimising-impact');
    expect(f?.message).toContain('40 affected customers');
    expect(f?.suggestion).toContain('40 customers are affected');
  });

  it('is total: empty, huge or odd input gives findings, never a throw', () => {
    expect(() => lintUpdate('')).not.toThrow();
    expect(lintUpdate('').map((f) => f.rule)).toEqual(['no-next-update']);
    expect(() => lintUpdate('{'.repeat(10_000) + '\u0000\uD800')).not.toThrow();
    for (const f of lintUpdate('x\n'.repeat(5000))) {
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.end).toBeLessThanOrEqual(10_000);
    }
  });

  it('gives 1-based line and column for an offset', () => {
    const text = 'first line\nsecond line\n';
    expect(lineCol(text, 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol(text, 11)).toEqual({ line: 2, col: 1 });
    expect(lineCol(text, 18)).toEqual({ line: 2, col: 8 });
    expect(lineCol(text, 999)).toEqual({ line: 3, col: 1 });
  });
});
