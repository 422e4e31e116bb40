import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintUpdate, type LintContext } from '../../src/comms/linter/index.js';

const HONEST =
  'Since 14:02 UTC, card payments at checkout are failing for about 1,200 customers in the EU region. We have found that our primary database stopped accepting writes while replicating and are moving traffic to a standby. Next update at 15:00 UTC, or sooner if anything changes.';

const LONG_POST = `${HONEST} We are very sorry: you could not take card payments during the busiest hour of the day.`;

/** Wraps a phrase in an otherwise honest update, so only the rule under test has a reason to fire. */
const within = (sentence: string): string =>
  `Since 14:02 UTC, card payments at checkout are failing for customers in the EU region. ${sentence} Next update at 15:00 UTC.`;

interface Case {
  rule: string;
  /** [text, the exact span the finding must cover] (span null: the whole text). */
  fires: [string, string | null][];
  quiet: string[];
  context?: LintContext;
}

const CASES: Case[] = [
  {
    rule: 'internal-fact',
    context: { internalTexts: ['Checkout failing (SASSER quarantine)', 'SASSER quarantine', 'primary database stalled while replicating'] },
    fires: [
      [within('The cause: primary database stalled while replicating.'), 'primary database stalled while replicating'],
      [within('What is affected: checkout failing (sasser quarantine).'), 'checkout failing (sasser quarantine)'],
      [within('Internally this is the SASSER  quarantine.'), 'SASSER  quarantine'],
    ],
    quiet: [HONEST, within('Our primary database stopped saving payments while it copied data to its standby.')],
  },
  {
    rule: 'minimising-impact',
    fires: [
      [within('A small number of customers cannot pay.'), 'A small number of'],
      [within('Only a few payments failed.'), 'Only a few'],
      [within('This was a minor problem with card payments.'), 'minor'],
      [within('There was a brief outage of card payments.'), 'brief'],
      [within('A handful of customers reported declined cards.'), 'A handful of customers'],
      [within('Only 2% of payments are failing.'), 'Only 2%'],
      [within('We saw isolated reports of declined cards.'), 'isolated reports'],
    ],
    quiet: [
      HONEST,
      within('About 1,200 customers cannot pay by card.'),
      within('Only customers in the EU region are affected.'),
      within('In brief, payments fail at the last step.'),
      within('We will publish a brief summary of the cause within 5 working days.'),
      within('Customers paying by bank transfer are not affected.'),
    ],
  },
  {
    // Hedging moved out of minimising-impact into its own rule (issue 14): same texts, same spans.
    rule: 'hedged-impact',
    fires: [
      [within('Some users may see declined cards.'), 'Some users may'],
      [within('Customers may have experienced declined cards.'), 'may have experienced'],
      [within('Some blogs may have been unavailable.'), 'Some blogs may'],
      [within('The checkout was down for a bit.'), 'for a bit'],
      [within('Customers may experience elevated error rates.'), 'may experience'],
      [within('It is possible that some payments were declined.'), 'It is possible that'],
    ],
    quiet: [
      HONEST,
      within('We may need to restart the payment service, which would stop payments for about 5 minutes.'),
      within('Some customers could not pay by card.'),
    ],
  },
  {
    rule: 'denial',
    fires: [
      [within('Everything on our end looks normal.'), 'Everything on our end looks normal'],
      [within("That can't be, we manage the servers ourselves."), "That can't be"],
      [within('Our platform is working as expected.'), 'Our platform is working as expected'],
      [within('We are not aware of any issues.'), 'not aware of any issues'],
      [within('Not our fault: the card network is down.'), 'Not our fault'],
    ],
    quiet: [
      HONEST,
      within('Bank transfers and invoices work normally.'),
      within('We have not found the cause yet.'),
      within('Everything has worked normally since 15:10 UTC.'),
    ],
  },
  {
    rule: 'hiding-behind-policy',
    fires: [
      [within('Per our policy we only contact customers by phone.'), 'policy'],
      [within('Refunds must go through the standard process, as stated in our terms.'), 'standard process'],
      [within('Credits are not available under our SLA for this event.'), 'SLA'],
    ],
    quiet: [
      HONEST,
      within('Under our service level agreement you are entitled to a credit; we will apply it automatically, so you do not need to ask.'),
      within('We have changed our procedure so the switch is automatic.'),
    ],
  },
  {
    rule: 'dismissing',
    fires: [
      [within('Everything is fine now.'), 'Everything is fine now'],
      [within('Nothing to worry about.'), 'Nothing to worry about'],
      [within('Please disregard any error emails.'), 'Please disregard'],
      [within('There is no cause for concern.'), 'no cause for concern'],
    ],
    quiet: [
      HONEST,
      within('You do not need to do anything: failed payments were not charged.'),
      within('Card payments work normally again.'),
    ],
  },
  {
    rule: 'blaming-customer',
    fires: [
      [within('The problem must be on your side, please check your servers.'), 'problem must be on your side'],
      [within('Most likely your network is blocking us.'), 'your network'],
      [within('Clients retrying too aggressively made it worse.'), 'Clients retrying too aggressively'],
      [within('The payments failed because of the card details you provided.'), 'you provided'],
      [within('This was caused by user error.'), 'user error'],
      [within('We could not reach some of you because of invalid contact information.'), 'invalid contact information'],
      [within('Customers who failed to update their app are affected.'), 'Customers who failed to'],
      [within('Your incorrect configuration caused the failures.'), 'Your incorrect configuration'],
      [within('The failures were caused by customers sending duplicate requests.'), 'caused by customers'],
      [within('This is a problem on your side.'), 'problem on your side'],
      [within('You should have retried the payment.'), 'You should have'],
    ],
    quiet: [
      HONEST,
      within('Thank you for the logs you provided; they helped us find the cause.'),
      within('No action is needed on your side.'),
      within('The contact details we held for you were out of date; we have corrected them.'),
      within('Customers who did not receive a receipt will get one by 16:00 UTC.'),
      within('This was not caused by anything on your side.'),
      within('Most of you should have yours by 15:30 UTC.'),
    ],
  },
  {
    rule: 'vague-description',
    fires: [
      [within('We are experiencing technical difficulties.'), 'technical difficulties'],
      [within('We found a bug.'), 'a bug'],
      [within('We are looking into an issue.'), 'an issue'],
      [within('There is a problem with our service.'), 'a problem'],
      [within('An unexpected glitch occurred.'), 'An unexpected glitch'],
      [within('We are working on an incident.'), 'an incident'],
      [within('We are experiencing an issue for some customers.'), 'an issue'],
    ],
    quiet: [
      HONEST,
      within('We found a bug in our payment service that rejects valid cards.'),
      within('There is an issue with card payments at checkout.'),
      within('We found a problem because our database stopped accepting writes.'),
      within('The issue started after a configuration change.'),
      within('We are investigating an outage of card payments.'),
      within('Customers see an error message saying the card was declined.'),
      within('Customers see an error page at checkout.'),
    ],
  },
  {
    rule: 'empty-apology',
    fires: [
      [within('We apologise for any inconvenience.'), 'We apologise for any inconvenience'],
      [within('Sorry for the inconvenience.'), 'Sorry for the inconvenience'],
      [within('We regret any disruption to your business.'), 'We regret any'],
      [within('We apologize for any inconvenience this may have caused.'), 'We apologize for any inconvenience this may have caused'],
      [within('We take this very seriously.'), 'We take this very seriously'],
    ],
    quiet: [
      HONEST,
      within('We are sorry: you could not take card payments for over an hour, and that cost you sales.'),
      within('We are sorry for the disruption this caused you.'),
    ],
  },
  {
    rule: 'untimed-promise',
    fires: [
      [within('We will fix it as soon as possible.'), 'as soon as possible'],
      [within('A fix will be deployed shortly.'), 'shortly'],
      [within('Payments should work again soon.'), 'soon'],
      [within('We will update you when we know more.'), 'We will update you'],
      [within('More information to follow.'), 'More information to follow'],
      [within('Please stay tuned.'), 'stay tuned'],
    ],
    quiet: [
      HONEST,
      within('We expect a fix within 30 minutes.'),
      within('We will update you at 15:00 UTC.'),
      within('Shortly after our change, payments started to fail.'),
      within('We expect payments to work again by 14:45 UTC at the latest, and sooner if the switch goes well.'),
    ],
  },
  {
    rule: 'no-next-update',
    fires: [
      ['Since 14:02 UTC, card payments at checkout are failing. We are moving traffic to a standby database.', null],
      ['Since 14:02 UTC, card payments at checkout are failing. We will post another update soon.', 'We will post another update'],
      ['Since 14:02 UTC, card payments at checkout are failing. Next update to follow.', 'Next update'],
    ],
    quiet: [
      HONEST,
      'Since 14:02 UTC, card payments at checkout are failing. We will post another update in 30 minutes.',
      'Since 14:02 UTC, card payments at checkout are failing. We will update you by 15:00 UTC.',
      'Between 14:02 and 15:10 UTC card payments at checkout failed. They work normally again. This is our final update.',
    ],
  },
  {
    rule: 'no-next-update',
    context: { status: 'resolved' },
    fires: [],
    quiet: ['Between 14:02 and 15:10 UTC card payments at checkout failed. They work normally again.'],
  },
  {
    rule: 'no-what-affected',
    fires: [['Since 14:02 UTC we have been investigating. Next update at 15:00 UTC.', null]],
    quiet: [
      HONEST,
      'What is affected: card payments at checkout\nSince: 14:02 UTC\n\nNext update at 15:00 UTC.',
      'Card payments work normally again since 15:10 UTC. This is our final update.',
    ],
  },
  {
    rule: 'no-since-when',
    fires: [
      ['Card payments at checkout are failing. Next update at 15:00 UTC.', null],
      ['Card payments at checkout are failing since earlier. Next update at 15:00 UTC.', null],
    ],
    quiet: [
      HONEST,
      'Card payments at checkout have been failing for the past 40 minutes. Next update at 15:00 UTC.',
      'Card payments at checkout started failing at 14:02 UTC. Next update at 15:00 UTC.',
      'Since: 14:02 UTC on 3 March\nWhat is affected: card payments\nNext update at 15:00 UTC.',
      'Between 14:02 and 15:10 UTC card payments failed. This is our final update.',
    ],
  },
  {
    rule: 'internal-host',
    fires: [
      [within('The database db-primary-01 stopped accepting writes.'), 'db-primary-01'],
      [within('The host at 10.0.3.7 stopped answering.'), '10.0.3.7'],
      [within('Requests to payments.internal time out.'), 'payments.internal'],
      [within('The ledger at ledger01.prod.corp is read-only.'), 'ledger01.prod.corp'],
      [within('Traffic to web-03 is failing.'), 'web-03'],
      [within('The address fd00::1 conflicts.'), 'fd00::1'],
    ],
    quiet: [
      HONEST,
      within('See status.example.com for details.'),
      within('About 1,200 customers on version 2.3 are affected.'),
      within('This follows the COVID-19 guidance.'),
      within('Our primary database in the EU region stopped accepting writes.'),
      // Issue 27: regions customers pick are not machine names.
      within('Our servers in us-east-1 are affected.'),
      within('We identified a DNS-related issue affecting the prod-us-west-0 cluster.'),
    ],
  },
  {
    rule: 'internal-host',
    context: { audience: 'internal' },
    fires: [],
    quiet: [within('db-primary-01 at 10.0.3.7 stopped accepting writes.')],
  },
  {
    rule: 'stack-trace',
    fires: [
      [within('TypeError: cannot read properties of undefined.'), 'TypeError:'],
      [`${within('The logs show:')}\n    at processPayment (/srv/app/pay.js:42:13)`, 'at processPayment (/srv/app/pay.js:42:13)'],
      [within('We saw java.lang.NullPointerException in the logs.'), 'java.lang.NullPointerException'],
      [within('Traceback (most recent call last): boom.'), 'Traceback (most recent call last):'],
    ],
    quiet: [HONEST, within('Payments fail with the error "card declined" although the card is valid.')],
  },
  {
    rule: 'internal-jargon',
    fires: [
      [within('Several pods restarted.'), 'pods'],
      [within('The k8s cluster lost a node.'), 'k8s'],
      [within('Replica lag reached ten minutes.'), 'Replica lag'],
      [within('p99 latency is high.'), 'p99'],
      [within('Our redis cache dropped traffic.'), 'redis'],
      [within('Checkout returns errors because the p99 latency is high.'), 'p99'],
    ],
    // Issue 27: status codes, protocols and products customers use are theirs, not our jargon.
    quiet: [
      HONEST,
      within('Our database fell behind, so recent orders do not show yet.'),
      within('We listened to the podcast.'),
      within('Checkout returns 5xx responses.'),
      within('Cloudflare observed an increased level of HTTP 5xx errors in Singapore.'),
      within('Some newly created Managed Postgres clusters are failing to come up healthy.'),
    ],
  },
  {
    rule: 'ticket-id',
    fires: [
      [within('We are tracking this in OPS-1234.'), 'OPS-1234'],
      [within('See INC-42 for details.'), 'INC-42'],
    ],
    quiet: [
      HONEST,
      within('Times are given in UTC-5 for our US customers.'),
      within('This follows ISO-8601.'),
      within('Instances in the EU-WEST-2 Region are affected.'),
    ],
  },
  {
    rule: 'unfilled-placeholder',
    fires: [
      [within('It affects {customers}.'), '{customers}'],
      [within('Cause: TBD.'), 'TBD'],
      [within('We expect a fix by XX:XX UTC.'), 'XX:XX'],
      [within('The cause was [insert cause here].'), '[insert cause here]'],
    ],
    quiet: [HONEST, within('Use the code SAVE10 at checkout.')],
  },
  {
    rule: 'time-without-zone',
    fires: [
      ['Since 14:02, card payments at checkout are failing. Next update at 15:00 UTC.', '14:02'],
      ['Since 14:02 UTC, card payments at checkout are failing. Next update at 3pm.', '3pm'],
    ],
    quiet: [
      HONEST,
      'Between 14:02 and 15:10 UTC card payments failed. This is our final update.',
      'Since 15:02 CET card payments fail. Next update at 16:00 CET.',
      // Issue 21 (one clock): zone abbreviations, offsets and IANA names are zones.
      'Since 09:12 PT card payments fail. Next update at 10:00 PT.',
      'Since 09:12 PST card payments fail. Next update at 10:00 PDT.',
      'Since 09:12 ET card payments fail. Next update at 10:00 EDT.',
      'Since 09:12 BST card payments fail. Next update at 10:00 CEST.',
      'Since 09:12 IST card payments fail. Next update at 10:00 JST.',
      'Since 09:12 AEST card payments fail. Next update at 10:00 AEST.',
      'Since 09:12 UTC+2 card payments fail. Next update at 10:00 GMT-5.',
      'Since 09:12 Europe/Berlin card payments fail. Next update at 10:00 America/New_York.',
      'Since 09:12 (UTC+08:00) card payments fail. Next update at 10:00 (UTC+08:00).',
      'Since 09:12 Pacific card payments fail. Next update at 10:00 Eastern time.',
    ],
  },
  {
    rule: 'social-too-long',
    context: { channel: 'social' },
    fires: [[LONG_POST, LONG_POST.slice(280)]],
    quiet: ['Since 14:02 UTC card payments at checkout fail in the EU. We are moving to a standby database. Next update at 15:00 UTC.'],
  },
];

describe('lintUpdate: every rule fires where it should and stays quiet where it should not', () => {
  it('passes an honest, specific update clean: no finding of any severity', () => {
    expect(lintUpdate(HONEST)).toEqual([]);
    expect(lintUpdate(HONEST, { affectedCustomers: 1200, status: 'identified', audience: 'affected', channel: 'status-page' })).toEqual([]);
  });

  it('has a test case for every rule', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(LINT_RULES.map((r) => r.id)));
  });

  for (const c of CASES) {
    const severity = LINT_RULES.find((r) => r.id === c.rule)?.severity;
    for (const [text, span] of c.fires) {
      it(`${c.rule} fires on ${JSON.stringify(span ?? text.slice(0, 60))}`, () => {
        const findings = lintUpdate(text, c.context).filter((f) => f.rule === c.rule);
        expect(findings.length).toBeGreaterThan(0);
        const f = findings[0]!;
        expect(f.severity).toBe(severity);
        if (span === null) expect([f.start, f.end]).toEqual([0, text.length]);
        else expect(text.slice(f.start, f.end)).toBe(span);
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.suggestion.length).toBeGreaterThan(10);
      });
    }
    for (const text of c.quiet) {
      it(`${c.rule} stays quiet on ${JSON.stringify(text.slice(0, 70))}`, () => {
        expect(lintUpdate(text, c.context).filter((f) => f.rule === c.rule)).toEqual([]);
      });
    }
  }
});
