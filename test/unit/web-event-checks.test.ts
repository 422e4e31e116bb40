import { describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import {
  actorIdOf,
  checkChain,
  checkSignature,
  eventHash,
  memorySigner,
  newOriginFor,
  type Signer,
} from '../../main/identity/event-signature.js';
import { checkNotBeforeOpening } from '../../main/identity/event-signature.js';
import { EventChecks, notBeforeOpening } from '../../web/identity/event-checks.js';
import { browserCrypto } from '../../web/identity/web-crypto.js';
import { EventFactory } from '../helpers/events.js';

/** Ana's events as her app signs them: a chain of her origin, opening the incident at `t0`. */
function anasEvents(signer: Signer, t0: number): WarEvent[] {
  const origin = newOriginFor(signer.key);
  const f = new EventFactory('inc_webcheck01', origin, { id: signer.actorId, name: 'Ana' });
  const unsigned = [
    f.make('incident.opened', { title: 'Checkout is down', severity: 'SEV2' }, t0),
    f.make('note.added', { text: 'error rate 40% on checkout' }, t0 + 1_000),
    f.make('note.added', { text: 'the fix is deployed' }, t0 + 2_000),
  ];
  const out: WarEvent[] = [];
  for (const e of unsigned) out.push(signer.signEvent(e, out.length ? eventHash(out[out.length - 1]!) : undefined));
  return out;
}

/** What a hostile hub or proxy might send in place of Ana's third event. */
function tamperings(signer: Signer, events: WarEvent[]): [string, WarEvent][] {
  const [, second, third] = events as [WarEvent, WarEvent, WarEvent];
  const mallory = memorySigner();
  return [
    ['text changed', { ...third, data: { text: 'the fix is reverted' } } as WarEvent],
    ['signature of another event', { ...third, sig: second.sig! }],
    ['signature cut', { ...third, sig: undefined }],
    [
      'signed by Mallory, named Ana',
      { ...mallory.signEvent({ ...third, key: undefined, sig: undefined }, third.prev), actor: third.actor },
    ],
    ['Mallory key, Ana origin', mallory.signEvent({ ...third, actor: { id: actorIdOf(mallory.key), name: 'Ana' } }, third.prev)],
    ['dated back', signer.signEvent({ ...third, at: { ms: second.at.ms - 1, c: 0 }, sig: undefined, key: undefined }, third.prev)],
    ['chain broken', signer.signEvent({ ...third, sig: undefined, key: undefined }, 'x'.repeat(43))],
  ];
}

/**
 * The browser view checks what arrives as the app does, with the browser's crypto: the same verdict, code and
 * words for the same events, whether WebCrypto's Ed25519 or the library does the work.
 */
describe.each([{ preferLibrary: false }, { preferLibrary: true }])('the browser view checks events as the app does (%o)', (options) => {
  it('takes Ana genuine events, and refuses each altered one with the app own code and reason', async () => {
    const checks = new EventChecks(await browserCrypto(options));
    expect(checks.crypto.via).toBe(options.preferLibrary ? '@noble/ed25519' : 'webcrypto');
    const ana = memorySigner();
    const events = anasEvents(ana, Date.UTC(2026, 11, 7, 14, 0));
    for (const e of events) expect(await checks.check(e)).toBeNull();
    expect(await checks.checkChain(events[2]!, events[1]!)).toBeNull();
    for (const [what, altered] of tamperings(ana, events)) {
      const app = checkSignature(altered) ?? checkChain(altered, events[1]!);
      const page = (await checks.check(altered)) ?? (await checks.checkChain(altered, events[1]!));
      expect(app, what).not.toBeNull();
      expect(page, what).toEqual(app);
    }
  });

  it('refuses what is dated before the opening in the gate words, and takes what is dated after', async () => {
    const opened = Date.UTC(2026, 11, 7, 14, 0);
    const e = anasEvents(memorySigner(), opened)[1]!;
    const early = { ...e, at: { ms: opened - 60_000, c: 0 } };
    expect(notBeforeOpening(early, opened)).toEqual(checkNotBeforeOpening(early, opened));
    expect(notBeforeOpening(early, opened)?.code).toBe('too-early');
    expect(notBeforeOpening(e, opened)).toBeNull();
  });

  it('derives the same actor id and event hash as the app, and makes keys the app verifies', async () => {
    const checks = new EventChecks(await browserCrypto(options));
    const ana = memorySigner();
    const events = anasEvents(ana, Date.UTC(2026, 11, 7, 14, 0));
    expect(await checks.actorIdOf(ana.key)).toBe(actorIdOf(ana.key));
    expect(await checks.eventHash(events[1]!)).toBe(eventHash(events[1]!));
    const pair = await checks.crypto.generate();
    const sig = await pair.sign(new TextEncoder().encode('hello'));
    const key = Buffer.from(pair.publicKey).toString('base64url');
    expect(await checks.verifyText(key, 'hello', Buffer.from(sig).toString('base64url'))).toBe(true);
    expect(await checks.verifyText(key, 'hellO', Buffer.from(sig).toString('base64url'))).toBe(false);
  });
});
