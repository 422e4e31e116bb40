import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import { parseEvent } from '../../src/kinds/event.js';
import { signingText } from '../../src/model/signed-payload.js';
import { eventHash, newOriginFor, Signer, verifySignature } from '../../main/identity/event-signature.js';
import { IngestVerifier } from '../../main/identity/ingest-verifier.js';
import { checkChains } from '../../main/identity/chain-check.js';
import { POOL_MIN, signatureThreads, verifySignatures, type SignatureItem } from '../../main/identity/signature-pool.js';

const INCIDENT = 'inc_chains0001';
const T0 = Date.UTC(2026, 10, 22, 14, 2);
const newSigner = (): Signer => new Signer(generateKeyPairSync('ed25519').privateKey);

/** One writer's signed chain of `n` notes (the first one opens the incident when `opens`). */
function chain(signer: Signer, n: number, opens = false, origin = newOriginFor(signer.key), text = 'replica lag'): WarEvent[] {
  const out: WarEvent[] = [];
  let prev: string | undefined;
  for (let seq = 1; seq <= n; seq++) {
    const opening = opens && seq === 1;
    const r = parseEvent({
      v: 1,
      id: opening ? INCIDENT : `e_${origin.slice(-8)}${String(seq).padStart(6, '0')}`,
      incident: INCIDENT,
      origin,
      seq,
      at: { ms: T0 + seq * 1000, c: 0 },
      actor: { id: signer.actorId, name: 'Ana' },
      kind: opening ? 'incident.opened' : 'note.added',
      data: opening ? { title: 'Checkout failing', severity: 'SEV1' } : { text: `${text} ${seq} s` },
    });
    if (!r.ok) throw new Error(r.error);
    const signed = signer.signEvent(r.value, prev);
    prev = eventHash(signed);
    out.push(signed);
  }
  return out;
}

const reasons = (refusals: readonly ({ reason: string } | null)[]): string[] => refusals.flatMap((r) => (r ? [r.reason] : []));

describe('checking a batch by its hash chains', () => {
  it('accepts whole chains in any order with one signature verified per origin', async () => {
    const [ana, ben] = [newSigner(), newSigner()];
    const batch = [...chain(ana, 200, true), ...chain(ben, 300)];
    // Interleaved and out of seq order, as pages in room order or a reordered delivery could bring them.
    const shuffled = batch
      .map((e, i) => ({ e, k: (i * 7919) % batch.length }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.e);
    const verdicts = await new IngestVerifier(() => []).checkBatch(shuffled);
    expect(reasons(verdicts.refusals)).toEqual([]);
    expect(verdicts.verified).toBe(2);
    expect(verdicts.hashes).toEqual(shuffled.map(eventHash));
  });

  it('refuses a chain whose head signature is forged as a whole, naming each event', async () => {
    const ana = newSigner();
    const events = chain(ana, 20, true);
    const head = events[19]!;
    // The head carries a signature made by another key over its exact content: the chain below it is intact.
    events[19] = { ...head, sig: newSigner().sign(signingText(head)) };
    const verdicts = await new IngestVerifier(() => []).checkBatch(events);
    expect(verdicts.refusals.every((r) => r?.code === 'bad-signature')).toBe(true);
    expect(verdicts.refusals[19]!.reason).toBe(`event ${head.id}: the signature does not match its content (altered or forged)`);
    for (const e of events.slice(0, 19)) {
      expect(reasons(verdicts.refusals)).toContain(
        `event ${e.id} is vouched for only by event ${head.id} (seq 20) of its origin, whose signature does not verify: refused with it`,
      );
    }
  });

  it('catches one byte changed in the first, a middle or the last event, and keeps what a valid signature still covers', async () => {
    const ana = newSigner();
    const events = chain(ana, 30, true);
    const alter = (e: WarEvent): WarEvent => ({ ...e, actor: { ...e.actor, name: 'Anb' } });
    const cases: [number, (i: number) => boolean][] = [
      [0, (i) => i === 0], // the first: its successor no longer names it, so it heads a run of its own, and fails
      [15, (i) => i <= 15], // a middle one: it heads the run below it, which falls with it; the run above stands
      [29, () => true], // the last: the whole chain is vouched for only by it
    ];
    for (const [at, refused] of cases) {
      const batch = events.map((e, i) => (i === at ? alter(e) : e));
      const { refusals } = await new IngestVerifier(() => []).checkBatch(batch);
      expect(
        refusals.map((r) => r !== null),
        `event ${at} altered`,
      ).toEqual(batch.map((_, i) => refused(i)));
      expect(refusals[at]!.reason).toMatch(new RegExp(`^event ${events[at]!.id}: the signature does not match`));
    }
  });

  it('links a batch to the events already held, and refuses one that names another predecessor than the held one', async () => {
    const ana = newSigner();
    const events = chain(ana, 40, true);
    const verifier = new IngestVerifier(() => events.slice(0, 20));
    const next = await verifier.checkBatch(events.slice(20));
    expect(reasons(next.refusals)).toEqual([]);
    // Another history from seq 21 on: its first event's link to the held seq 20 does not hold.
    const other = chain(ana, 40, true, events[0]!.origin, 'error rate').slice(20);
    const forked = await new IngestVerifier(() => events.slice(0, 20)).checkBatch(other);
    expect(forked.refusals[0]).toMatchObject({ code: 'broken-chain' });
    expect(forked.refusals[0]!.reason).toContain(`names a previous event other than ${events[19]!.id}`);
  });

  it('checks an origin that repeats a seq (a fork by its own key) event by event', async () => {
    const ana = newSigner();
    const events = chain(ana, 5, true);
    const twin = ana.signEvent({ ...events[3]!, id: 'e_forked000004', data: { text: 'another fourth' } } as WarEvent, events[3]!.prev);
    const badTwin = { ...twin, id: 'e_forked000005', sig: events[2]!.sig };
    const verdicts = await checkChains([...events, twin, badTwin], { at: () => undefined, hashOf: eventHash, openedAt: undefined });
    expect(verdicts.verified).toBe(7);
    expect(verdicts.refusals.map((r) => r?.code ?? null)).toEqual([null, null, null, null, null, null, 'bad-signature']);
  });

  it('refuses events dated before the opening, judged by the opening in the same batch', async () => {
    const [ana, ben] = [newSigner(), newSigner()];
    const late = chain(ben, 3);
    const early = ben.signEvent({ ...late[0]!, at: { ms: T0 - 60_000, c: 0 } } as WarEvent, undefined);
    const { refusals } = await new IngestVerifier(() => []).checkBatch([...chain(ana, 2, true), early]);
    expect(refusals[2]).toMatchObject({ code: 'too-early' });
  });
});

describe('the signature pool', () => {
  it('gives the same answers as verifying one by one, for a batch big enough to use its threads', async () => {
    const signers = Array.from({ length: 5 }, newSigner);
    const items: SignatureItem[] = Array.from({ length: POOL_MIN * 3 + 7 }, (_, i) => {
      const s = signers[i % signers.length]!;
      const text = `event ${i}`;
      const sig = s.sign(text);
      if (i % 17 === 0) return { key: s.key, text: `${text} altered`, sig };
      if (i % 23 === 0) return { key: signers[(i + 1) % signers.length]!.key, text, sig };
      if (i % 29 === 0) return { key: 'not a key', text, sig };
      return { key: s.key, text, sig };
    });
    const expected = items.map((x) => verifySignature(x.key, x.text, x.sig, false));
    expect(expected.filter((v) => !v).length).toBeGreaterThan(10);
    expect(await verifySignatures(items)).toEqual(expected);
    // Checked beside the main thread: the pool started its threads (and they stay a while for the next batch).
    expect(signatureThreads()).toBeGreaterThan(0);
    // Two batches at once share the threads.
    const [a, b] = await Promise.all([verifySignatures(items), verifySignatures(items.slice(0, POOL_MIN + 1))]);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected.slice(0, POOL_MIN + 1));
  });

  it('names each bad event of a catch-up of many one-event origins (what CLI posts make)', async () => {
    const batch = Array.from({ length: POOL_MIN * 2 }, (_, i) => {
      const [e] = chain(newSigner(), 1);
      return i % 40 === 5 ? { ...e!, data: { text: 'altered' } } : e!;
    }) as WarEvent[];
    const { refusals, verified } = await new IngestVerifier(() => []).checkBatch(batch);
    expect(verified).toBe(batch.length);
    expect(refusals.map((r, i) => (r ? i : -1)).filter((i) => i >= 0)).toEqual([5, 45, 85, 125].filter((i) => i < batch.length));
  });
});
