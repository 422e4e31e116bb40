import { describe, expect, it } from 'vitest';
import { lintUpdate, type LintContext } from '../../src/comms/linter/index.js';
import { CRITICISED, REAL_UPDATES, ROUNDS } from '../fixtures/real-text/index.js';
import { scoreStatements, scoreUpdates } from '../helpers/real-text-score.js';

const fired = (text: string, rule: string, context: LintContext = {}) => lintUpdate(text, context).find((f) => f.rule === rule);

// Issue 27: text nobody here wrote. The held-out figures are measured once per round and recorded in README and
// `npm run lint-corpus`; these tests guard what must never regress on the whole real corpus.
describe('update linter on real published text', () => {
  it('holds a corpus big and varied enough to mean something, with sources', () => {
    expect(REAL_UPDATES.length).toBeGreaterThanOrEqual(150);
    expect(CRITICISED.length).toBeGreaterThanOrEqual(50);
    expect(new Set(REAL_UPDATES.map((u) => u.provider)).size).toBeGreaterThanOrEqual(15);
    for (const status of ['investigating', 'identified', 'monitoring', 'resolved'] as const)
      expect(REAL_UPDATES.filter((u) => u.status === status).length, status).toBeGreaterThanOrEqual(10);
    for (const x of [...REAL_UPDATES, ...CRITICISED]) expect(x.source, x.id).toMatch(/^https?:\/\//);
    for (const c of CRITICISED) expect(c.faults.length, c.id).toBeGreaterThan(0);
    for (let round = 1; round <= ROUNDS; round++) {
      expect(
        REAL_UPDATES.some((u) => u.heldOut === round),
        `round ${round}`,
      ).toBe(true);
      expect(
        CRITICISED.some((c) => c.heldOut === round),
        `round ${round}`,
      ).toBe(true);
    }
  });

  it('never gives a fair published update a false error', () => {
    const score = scoreUpdates(REAL_UPDATES);
    expect(score.outcomes.filter((o) => o.falseErrors.length > 0)).toEqual([]);
  });

  it('keeps false alarms on fair updates rare and criticised statements mostly caught (regression guards)', () => {
    const updates = scoreUpdates(REAL_UPDATES);
    expect(updates.clean / updates.total).toBeGreaterThanOrEqual(0.95);
    expect(updates.missingFacts.named / updates.missingFacts.total).toBeGreaterThanOrEqual(0.9);
    const statements = scoreStatements(CRITICISED);
    expect(statements.caught / statements.total).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the examples quoted in issue 27', () => {
  const quiet: [string, string][] = [
    ['Cloudflare observed an increased level of HTTP 5xx errors in Singapore from 03:30 AM - 04:00 AM UTC.', 'internal-jargon'],
    ['Some EC2 instances in the EU-WEST-2 Region are experiencing connectivity issues.', 'ticket-id'],
    ['At the peak, only about 50% of our userbase was able to get back online.', 'minimising-impact'],
    ['We will monitor the control plane for a short time before resolving this incident.', 'hedged-impact'],
    ['We are aware of users being incorrectly geolocated by some third party services.', 'blaming-customer'],
    ['Less than 1% of customers are experiencing trouble with sending messages.', 'no-what-affected'],
  ];
  for (const [text, rule] of quiet)
    it(`no false alarm: ${rule} stays quiet on "${text.slice(0, 60)}"`, () => {
      expect(fired(text, rule)).toBeUndefined();
    });

  const caught: [string, string][] = [
    ['The service has not been breached and remains fully operational.', 'denial'],
    ['This is not a security incident.', 'denial'],
    ['The claim that this is a data breach is completely false.', 'denial'],
    ['Recent reports that these exploits are caused by a bug are incorrect.', 'denial'],
    ['The vast majority of customers are running smoothly.', 'minimising-impact'],
    ['90 percent of customers will not be affected.', 'minimising-impact'],
    ['The amount of oil we are putting into it is tiny in relation to the total water volume.', 'minimising-impact'],
    ['There is no reason to stop using it, as long as all warnings are followed.', 'blaming-customer'],
    ['Customers who follow our password best practices are safe.', 'blaming-customer'],
    ['Scraping data violates our terms.', 'hiding-behind-policy'],
    ['Our employees followed established procedures for dealing with situations like this.', 'hiding-behind-policy'],
    ['We apologize for the confusion and angst the runtime fee policy caused.', 'empty-apology'],
    ['The delay is a non issue.', 'dismissing'],
    ['We are investigating an issue potentially impacting some customers.', 'hedged-impact'],
  ];
  for (const [text, rule] of caught)
    it(`caught for its own fault: ${rule} on "${text.slice(0, 60)}"`, () => {
      expect(fired(text, rule)).toBeDefined();
    });

  it('a missing next-update time stays an error before publishing, and says what to add', () => {
    const f = fired('Since 14:02 UTC card payments fail for customers in the EU region.', 'no-next-update', { status: 'investigating' });
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/^Add when the next update comes/);
    const promised = fired('Since 14:02 UTC card payments fail. We will post an update soon.', 'no-next-update', {
      status: 'investigating',
    });
    expect(promised?.message).toMatch(/^Add a time to "/);
  });

  it('reads zone abbreviations, offsets and IANA names as zones (issue 21)', () => {
    for (const t of ['09:12 PT', '09:12 PST', '09:12 CEST', '09:12 UTC+2', '09:12 Europe/Berlin', '09:12 (UTC+08:00)'])
      expect(fired(`Logins failed from ${t}. Next update at 10:00 UTC.`, 'time-without-zone'), t).toBeUndefined();
    expect(fired('Logins failed from 09:12. Next update at 10:00 UTC.', 'time-without-zone')).toBeDefined();
  });

  it("takes the team's own words: a public cluster name or a product is not an internal host or jargon", () => {
    const text = 'Since 09:12 UTC, queries on the sg-prod-07 cluster time out for Kafka Streams users.';
    expect(fired(text, 'internal-host')).toBeDefined();
    expect(fired(text, 'internal-host', { allowWords: ['sg-prod-07'] })).toBeUndefined();
    expect(fired('Our kafka brokers restarted.', 'internal-jargon')).toBeDefined();
    expect(fired('Our kafka brokers restarted.', 'internal-jargon', { allowWords: ['Kafka'] })).toBeUndefined();
  });
});

// Round 5: rules read shapes, so wordings nobody listed are caught too. Written here, not taken from any corpus.
describe('shapes rather than sentences (round 5)', () => {
  const caught: [string, string][] = [
    ['We have not found any evidence that payment details were misused.', 'denial'],
    ['Our investigators did not have evidence of data exfiltration.', 'denial'],
    ['These baseless rumors about our exchange are spreading fast.', 'denial'],
    ['Member funds remain completely safe.', 'dismissing'],
    ['Acme is fine. Balances are fine.', 'dismissing'],
    ['Shoppers should continue to have full confidence in our checkout.', 'dismissing'],
    ['There is not a material risk to account holders.', 'dismissing'],
    ['Outages like this are increasingly inevitable for every platform.', 'dismissing'],
    ['Our booking engine works 99.8% of the time.', 'minimising-impact'],
    ['We do not anticipate the stolen records being sold.', 'minimising-impact'],
    ['The leak included limited categories of personal data.', 'minimising-impact'],
    ['It was merely a billing glitch.', 'minimising-impact'],
    ['Northwind detected a cyber incident affecting some systems.', 'vague-description'],
    ['Protecting member privacy is of utmost importance to our team.', 'empty-apology'],
    ["We're taking the matter extremely seriously.", 'empty-apology'],
    ['We are sorry if anyone was confused by the notice.', 'empty-apology'],
    ['On behalf of the board, I apologize to our members.', 'empty-apology'],
    ['Engineers are restoring the ledger as fast as possible.', 'untimed-promise'],
    ['Because of the ongoing investigation, we are unable to comment further.', 'hiding-behind-policy'],
    ['Given the pending litigation we will not elaborate.', 'hiding-behind-policy'],
    ['The crash only happened because Ms. Ortega was not paying attention.', 'blaming-customer'],
    ['The intrusion reached customers who did not enable two-factor sign-in.', 'blaming-customer'],
    // Added after round 6 was measured (tuned on, so no held-out figure covers these).
    ['The bank has complied with all applicable regulations on card storage.', 'hiding-behind-policy'],
    ['The exposed records are significantly fewer than first reported.', 'minimising-impact'],
    ['This fault is a one in a million event.', 'minimising-impact'],
    ['We do not expect any material impact on trading.', 'minimising-impact'],
    ['There is no indication that the breach affected customer payment data.', 'denial'],
    ['We are not aware of anyone who has actually lost money.', 'denial'],
    ["We've been fully transparent with members throughout.", 'denial'],
  ];
  for (const [text, rule] of caught)
    it(`${rule} fires on "${text}"`, () => {
      expect(fired(text, rule), text).toBeDefined();
    });

  const quiet: [string, string][] = [
    ['Since 09:10 UTC, invoices cannot be downloaded. We are sorry: your month-end close is blocked.', 'empty-apology'],
    ['Your card data stays safe: card numbers are never stored on our servers.', 'dismissing'],
    ['We found no errors in the replayed jobs since 10:40 UTC.', 'denial'],
    ['We will post another update in 30 minutes, or as soon as we have more.', 'untimed-promise'],
    ['Exports fail 20% of the time since the 11:00 UTC deploy.', 'minimising-impact'],
  ];
  for (const [text, rule] of quiet)
    it(`${rule} stays quiet on "${text}"`, () => {
      expect(fired(text, rule, { status: 'investigating' }), text).toBeUndefined();
    });
  it('"more information as it becomes available" is not something coming back', () => {
    expect(fired('We will share more as it becomes available.', 'no-what-affected', { status: 'investigating' })).toBeDefined();
    expect(
      fired('Dashboards are becoming available again for EU customers.', 'no-what-affected', { status: 'monitoring' }),
    ).toBeUndefined();
  });
  it('reads what is affected from the clause: a thing customers use, said to be in some state', () => {
    for (const text of [
      'Search results are incomplete.',
      'Syncing between devices is paused.',
      'Invoices were generated with the wrong tax rate.',
      'Users are being logged out unexpectedly.',
      "The dashboard won't load for some users.",
    ])
      expect(fired(text, 'no-what-affected', { status: 'investigating' }), text).toBeUndefined();
    for (const text of [
      'The team is actively investigating.',
      'Affected customers should contact support.',
      'A fix has been deployed and we are monitoring the results.',
      'If your project uses only one region, you can switch regions.',
    ])
      expect(fired(text, 'no-what-affected', { status: 'investigating' }), text).toBeDefined();
  });
  it('a step for the customer after we own the fix is a remedy, not blame (round 6 found it as a false error)', () => {
    expect(
      fired('We have deployed a fix for the login page. You may need to clear your browser cache.', 'blaming-customer'),
    ).toBeUndefined();
    expect(fired('The problem is on your side. You may need to clear your browser cache.', 'blaming-customer')).toBeDefined();
  });
  it('a bare apology counts as empty only when the text never says what failed', () => {
    expect(fired('We know you rely on us and I sincerely apologize.', 'empty-apology')).toBeDefined();
    expect(fired('Since 14:02 UTC card payments are failing. I sincerely apologize.', 'empty-apology')).toBeUndefined();
  });
});

// Round 8 tuning (on rounds 1-7 only): a shape reads a word class, every inflection and synonym of the slot, not
// the one spelling met in a corpus. Written here, not taken from any corpus.
describe('word classes rather than spellings (round 8)', () => {
  const caught: [string, string][] = [
    ['Acme regretted any disruption to your orders.', 'empty-apology'],
    ['Keeping your data safe is of the highest importance to Northwind.', 'empty-apology'],
    ['Member safety is our foremost priority.', 'empty-apology'],
    ['This incident does not represent the standards our members expect of us.', 'empty-apology'],
    ['We understand this is deeply frustrating.', 'empty-apology'],
    ['No card details have been exfiltrated.', 'denial'],
    ['There is no sign that member passwords were copied.', 'denial'],
    ['We responded swiftly to the intrusion.', 'denial'],
    ['Northwind has not been hacked.', 'denial'],
    ['We are hearing from relatively few customers about failed payments.', 'minimising-impact'],
    ['The outage was rapidly contained.', 'minimising-impact'],
    ['Most of our merchants continue to trade as usual.', 'minimising-impact'],
    ['While the investigation continues, it is not appropriate to speculate on the cause.', 'hiding-behind-policy'],
    ['Police are investigating and we decline to comment.', 'hiding-behind-policy'],
    ['The queue collapsed as a result of the unprecedented demand from fans.', 'blaming-customer'],
    ['A misconfigured bucket may have exposed order histories.', 'hedged-impact'],
    ['There is nothing to suggest that booking records were accessed.', 'denial'],
    ['We do not believe any member information was taken.', 'denial'],
    ['We categorically reject these allegations about our vault.', 'denial'],
    ['The outage is not expected to have a material impact on our members.', 'minimising-impact'],
    ['Shoppers who heed our security guidance stay protected.', 'blaming-customer'],
    ['Our payment platform is fully PCI-DSS compliant.', 'hiding-behind-policy'],
    ['We apologise for any uncertainty the email caused.', 'empty-apology'],
    ['Northwind is responding to an IT incident.', 'vague-description'],
    ["Members don't need to worry about their savings.", 'dismissing'],
  ];
  for (const [text, rule] of caught)
    it(`${rule} fires on "${text}"`, () => {
      expect(fired(text, rule), text).toBeDefined();
    });

  const quiet: [string, string][] = [
    ['We understand this is frustrating. We are sorry: since 09:10 UTC you cannot export invoices.', 'empty-apology'],
    ['No data was lost; uploads made during the outage are being replayed.', 'denial'],
    ['Customer accounts were not compromised in this outage.', 'denial'],
    ['The disruption was isolated entirely to the billing dashboard.', 'minimising-impact'],
    ['Most of our customers can sign in again since the 10:40 UTC rollback.', 'minimising-impact'],
    ['Our servers ran out of capacity under high load, so checkout failed.', 'blaming-customer'],
    ['We will monitor the fix and keep you posted every 30 minutes.', 'hiding-behind-policy'],
    ['We found nothing that shows a second region was affected; the fault was in Frankfurt only.', 'denial'],
    ['You do not need to take any action: queued emails will be sent automatically.', 'dismissing'],
  ];
  for (const [text, rule] of quiet)
    it(`${rule} stays quiet on "${text}"`, () => {
      expect(fired(text, rule, { status: 'investigating' }), text).toBeUndefined();
    });
});
