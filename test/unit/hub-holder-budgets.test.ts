import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLDER_LIMITS, HolderBudgets } from '../../main/hub/holder-budgets.js';
import { PagesInFlight } from '../../main/hub/pages-in-flight.js';

const ROOM = 'inc_checkout01';
const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('budgets per key and per invite', () => {
  it('twenty keys of one link get one link of pushes between them, not twenty', () => {
    const { now, advance } = clock();
    const budgets = new HolderBudgets(now);
    const attackers = Array.from({ length: 20 }, (_, i) => budgets.join(ROOM, 'link-1', `key-${i}`));
    let stored = 0;
    // Five seconds of each pushing a batch of 50 whenever told it may.
    for (let ms = 0; ms < 5_000; ms += 10, advance(10)) for (const a of attackers) if (a.push(50, 50 * 300) === 0) stored += 50;
    const limits = DEFAULT_HOLDER_LIMITS.rates;
    expect(stored).toBeLessThanOrEqual(limits.pushEventsBurst + 5 * limits.pushEventsPerSecond + 20 * 50);
    // One key alone, over the same five seconds, gets as much as the twenty together: per connection it was 20x.
    expect(stored).toBeGreaterThan(limits.pushEventsPerSecond * 2);
  });

  it('a teammate on the same link who writes now and then is never told to wait while the others flood', () => {
    const { now, advance } = clock();
    const budgets = new HolderBudgets(now);
    const ben = budgets.join(ROOM, 'link-1', 'ben');
    advance(10_000); // Ben has been in a while: his share is full.
    const attackers = Array.from({ length: 20 }, (_, i) => budgets.join(ROOM, 'link-1', `key-${i}`));
    let benRefused = 0;
    for (let ms = 0; ms < 10_000; ms += 10, advance(10)) {
      for (const a of attackers) a.push(50, 50 * 300);
      // Ben: one note a second.
      if (ms % 1_000 === 0 && ben.push(1, 400) !== 0) benRefused++;
    }
    expect(benRefused).toBe(0);
  });

  it('twenty connections of one key share that key, and an eleventh is refused', () => {
    const { now } = clock();
    const budgets = new HolderBudgets(now);
    for (let i = 0; i < 10; i++) {
      expect(budgets.admit(ROOM, `link-${i}`, 'mallory')).toBeNull();
      budgets.join(ROOM, `link-${i}`, 'mallory');
    }
    expect(budgets.admit(ROOM, 'link-x', 'mallory')).toMatch(/already has 10 open connections/);
  });

  it('leaving and coming back (or with a fresh key) buys no fresh burst', () => {
    const { now, advance } = clock();
    const budgets = new HolderBudgets(now);
    let stored = 0;
    for (let round = 0; round < 50; round++) {
      const a = budgets.join(ROOM, 'link-1', `fresh-${round}`);
      while (a.push(50, 50 * 300) === 0) stored += 50;
      a.leave();
      advance(20);
    }
    // One second of churn: about one burst and a second of rate, not fifty bursts.
    const limits = DEFAULT_HOLDER_LIMITS.rates;
    expect(stored).toBeLessThanOrEqual(2 * limits.pushEventsBurst + limits.pushEventsPerSecond);
  });
});

describe('catch-up pages in flight', () => {
  it('a connection gets no next page while the last is unread, and one invite holds at most its cap', () => {
    const { now, advance } = clock();
    const queued = new Map<string, number>();
    const dropped: string[] = [];
    const caps = { perKey: 8, perInvite: 10, total: 30, readBytes: 1, readMs: 10_000 };
    const pages = new PagesInFlight(
      (id) => queued.get(id) ?? null,
      (id) => dropped.push(id),
      now,
      caps,
    );
    for (const id of ['s1', 's2', 's3', 'honest']) queued.set(id, 0);
    expect(pages.reserve('s1', 'k1', 'link', 4)).toBeNull();
    pages.built('s1', 4);
    queued.set('s1', 4); // sent, not read
    expect(pages.reserve('s1', 'k1', 'link', 4)).toMatch(/previous page is still on its way/);
    expect(pages.reserve('s2', 'k2', 'link', 4)).toBeNull();
    pages.built('s2', 4);
    queued.set('s2', 4);
    expect(pages.reserve('s3', 'k3', 'link', 4)).toMatch(/this invite's pages in flight are at their cap/);
    // Someone on another link is not held by them.
    expect(pages.reserve('honest', 'k9', 'other-link', 4)).toBeNull();
    expect(pages.bytes).toBe(12);
    // s1 reads its page: it is freed, and s3 may have one.
    queued.set('s1', 0);
    expect(pages.reserve('s3', 'k3', 'link', 4)).toBeNull();
    // s2 never reads: past readMs it is named for dropping, and its page is freed.
    advance(10_001);
    pages.settleRead();
    expect(dropped).toEqual(['s2']);
  });
});
